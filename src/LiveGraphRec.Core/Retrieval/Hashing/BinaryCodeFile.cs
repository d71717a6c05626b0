using LiveGraphRec.Core.IO;

namespace LiveGraphRec.Core.Retrieval.Hashing;

/// <summary>
/// The HashGNN codes of a model beside its embedding file: user and item codes in the rows of the embedding
/// file's id maps, little-endian: magic, version, bits, user rows, item rows, then each catalog's planes.
/// </summary>
public static class BinaryCodeFile
{
    private const string Magic = "LGRCODES";
    private const int FormatVersion = 1;

    public static void Write(string path, BinaryCodes users, BinaryCodes items)
    {
        if (users.Bits != items.Bits)
        {
            throw new ArgumentException($"User codes have {users.Bits} bits, item codes {items.Bits}.", nameof(items));
        }
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(users.Bits);
            writer.Write(users.Rows);
            writer.Write(items.Rows);
            foreach (BinaryCodes codes in new[] { users, items })
            {
                for (int w = 0; w < codes.WordsPerCode; w++)
                {
                    foreach (ulong word in codes.Plane(w))
                    {
                        writer.Write(word);
                    }
                }
            }
        });
    }

    public static (BinaryCodes Users, BinaryCodes Items) Read(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        try
        {
            if (reader.ReadString() != Magic || reader.ReadInt32() != FormatVersion)
            {
                throw new InvalidDataException($"{path}: not a LiveGraphRec code file (version {FormatVersion}).");
            }
            int bits = reader.ReadInt32(), users = reader.ReadInt32(), items = reader.ReadInt32();
            if (bits < 64 || bits % 64 != 0 || users < 0 || items < 0)
            {
                throw new InvalidDataException($"{path}: invalid header (bits {bits}, users {users}, items {items}).");
            }
            BinaryCodes ReadCodes(int rows)
            {
                var planes = new ulong[(long)rows * (bits / 64)];
                for (long k = 0; k < planes.Length; k++)
                {
                    planes[k] = reader.ReadUInt64();
                }
                return new BinaryCodes(rows, bits, planes);
            }
            return (ReadCodes(users), ReadCodes(items));
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: the code file is truncated.");
        }
    }
}
