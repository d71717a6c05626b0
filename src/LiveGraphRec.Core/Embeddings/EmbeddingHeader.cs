using System.Text;
using LiveGraphRec.Core.Data;

namespace LiveGraphRec.Core.Embeddings;

/// <summary>Everything of an <see cref="EmbeddingModel"/> but its matrices, as stored in the file header.</summary>
internal sealed record EmbeddingHeader(
    string ModelName,
    long Version,
    int Dimension,
    IdMap Users,
    IdMap Items,
    IReadOnlyDictionary<string, string> Hyperparameters,
    IReadOnlyDictionary<string, double> Metrics,
    DateTimeOffset CreatedAt)
{
    public static EmbeddingHeader Of(EmbeddingModel model) => new(model.ModelName, model.Version, model.Dimension,
        model.Users, model.Items, model.Hyperparameters, model.Metrics, model.CreatedAt);

    public long UserFloats => (long)Users.Count * Dimension;
    public long ItemFloats => (long)Items.Count * Dimension;

    public byte[] Encode()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(ModelName);
            writer.Write(Version);
            writer.Write(Dimension);
            writer.Write(Users.Count);
            writer.Write(Items.Count);
            writer.Write(CreatedAt.UtcTicks);
            WriteMap(writer, Hyperparameters, (w, value) => w.Write(value));
            WriteMap(writer, Metrics, (w, value) => w.Write(value));
            Users.WriteTo(writer);
            Items.WriteTo(writer);
        }
        return buffer.ToArray();
    }

    /// <summary>Decodes header bytes whose checksum has already been verified.</summary>
    /// <exception cref="InvalidDataException">The bytes do not follow the header layout.</exception>
    public static EmbeddingHeader Decode(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        try
        {
            string modelName = reader.ReadString();
            long version = reader.ReadInt64();
            int dimension = reader.ReadInt32();
            int userCount = reader.ReadInt32();
            int itemCount = reader.ReadInt32();
            var createdAt = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            var hyperparameters = ReadMap(reader, r => r.ReadString());
            var metrics = ReadMap(reader, r => r.ReadDouble());
            IdMap users = IdMap.ReadFrom(reader);
            IdMap items = IdMap.ReadFrom(reader);

            if (dimension <= 0)
            {
                throw new InvalidDataException($"dimension {dimension} is not positive");
            }
            if (users.Count != userCount || items.Count != itemCount)
            {
                throw new InvalidDataException(
                    $"header counts {userCount:N0} users, {itemCount:N0} items but the id maps hold {users.Count:N0}, {items.Count:N0}");
            }
            if (reader.BaseStream.Position != bytes.Length)
            {
                throw new InvalidDataException($"{bytes.Length - reader.BaseStream.Position:N0} unread bytes at its end");
            }
            var header = new EmbeddingHeader(modelName, version, dimension, users, items, hyperparameters, metrics, createdAt);
            if (Math.Max(header.UserFloats, header.ItemFloats) > Array.MaxLength)
            {
                throw new InvalidDataException($"{Math.Max(userCount, itemCount):N0} rows × {dimension} floats exceed the largest array");
            }
            return header;
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or InvalidDataException)
        {
            throw new InvalidDataException($"malformed header: {e.Message}", e);
        }
    }

    /// <summary>Sorted by key so that the same model always produces the same bytes (and checksum).</summary>
    private static void WriteMap<T>(BinaryWriter writer, IReadOnlyDictionary<string, T> map, Action<BinaryWriter, T> writeValue)
    {
        writer.Write(map.Count);
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.Write(key);
            writeValue(writer, value);
        }
    }

    private static Dictionary<string, T> ReadMap<T>(BinaryReader reader, Func<BinaryReader, T> readValue)
    {
        int count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException($"map count {count} is negative");
        }
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string key = reader.ReadString();
            if (!map.TryAdd(key, readValue(reader)))
            {
                throw new InvalidDataException($"key '{key}' appears twice");
            }
        }
        return map;
    }
}
