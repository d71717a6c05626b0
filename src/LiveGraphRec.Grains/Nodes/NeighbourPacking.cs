using System.Buffers.Binary;
using System.Text;

namespace LiveGraphRec.Grains.Nodes;

/// <summary>
/// The retained adjacency as one byte array for storage. Serialized field by field, a dictionary of
/// <see cref="Edge"/> objects cost most of a node write (profile of the loaded-graph benchmark: a fifth of the silo's
/// CPU in state serialization, an item at the cap holding 1,000 edges); packed, it is one length-prefixed copy.
/// </summary>
/// <remarks>
/// Layout: a format byte, the edge count, then per edge the UTF-8 id (length-prefixed), first and last time (clock
/// ticks and offset minutes, so the <see cref="DateTimeOffset"/> round-trips exactly), weight, interactions, own and
/// neighbour version, first sequence — little-endian.
/// </remarks>
public static class NeighbourPacking
{
    private const byte Format = 1;
    private const int EdgeBytes = 2 * (sizeof(long) + sizeof(short)) + sizeof(float) + sizeof(int) + 3 * sizeof(long);
    private const int FixedBytesPerEdge = sizeof(int) + EdgeBytes;

    public static byte[] Pack(Dictionary<string, Edge> neighbours)
    {
        int length = 1 + sizeof(int);
        foreach (string id in neighbours.Keys)
        {
            length += FixedBytesPerEdge + Encoding.UTF8.GetByteCount(id);
        }
        var packed = new byte[length];
        packed[0] = Format;
        Span<byte> rest = packed.AsSpan(1);
        Write(ref rest, neighbours.Count);
        foreach (var (id, edge) in neighbours)
        {
            int idBytes = Encoding.UTF8.GetBytes(id, rest[sizeof(int)..]);
            Write(ref rest, idBytes);
            rest = rest[idBytes..];
            Write(ref rest, edge);
        }
        return packed;
    }

    /// <summary>One edge without its id (a storage that keeps edges apart keys them by id): a format byte, then the fields.</summary>
    public static byte[] PackEdge(Edge edge)
    {
        var packed = new byte[1 + EdgeBytes];
        packed[0] = Format;
        Span<byte> rest = packed.AsSpan(1);
        Write(ref rest, edge);
        return packed;
    }

    public static Edge UnpackEdge(ReadOnlySpan<byte> packed)
    {
        if (packed.Length != 1 + EdgeBytes || packed[0] != Format)
        {
            throw new InvalidDataException($"Packed edge of {packed.Length} bytes, format {(packed.IsEmpty ? "none" : packed[0])}; this version reads format {Format} of {1 + EdgeBytes} bytes.");
        }
        ReadOnlySpan<byte> rest = packed[1..];
        return ReadEdge(ref rest);
    }

    public static Dictionary<string, Edge> Unpack(byte[] packed)
    {
        if (packed.Length == 0)
        {
            return new Dictionary<string, Edge>(StringComparer.Ordinal);
        }
        if (packed[0] != Format)
        {
            throw new InvalidDataException($"Packed adjacency of format {packed[0]}; this version reads format {Format}.");
        }
        ReadOnlySpan<byte> rest = packed.AsSpan(1);
        int count = ReadInt32(ref rest);
        var neighbours = new Dictionary<string, Edge>(count, StringComparer.Ordinal);
        for (int n = 0; n < count; n++)
        {
            int idBytes = ReadInt32(ref rest);
            string id = Encoding.UTF8.GetString(rest[..idBytes]);
            rest = rest[idBytes..];
            neighbours[id] = ReadEdge(ref rest);
        }
        return neighbours;
    }

    private static void Write(ref Span<byte> target, Edge edge)
    {
        Write(ref target, edge.FirstAt);
        Write(ref target, edge.LastAt);
        BinaryPrimitives.WriteSingleLittleEndian(target, edge.Weight);
        target = target[sizeof(float)..];
        Write(ref target, edge.Interactions);
        Write(ref target, edge.OwnVersion);
        Write(ref target, edge.NeighbourVersion);
        Write(ref target, edge.FirstSequence);
    }

    private static Edge ReadEdge(ref ReadOnlySpan<byte> source)
    {
        var edge = new Edge { FirstAt = ReadTime(ref source), LastAt = ReadTime(ref source) };
        edge.Weight = BinaryPrimitives.ReadSingleLittleEndian(source);
        source = source[sizeof(float)..];
        edge.Interactions = ReadInt32(ref source);
        edge.OwnVersion = ReadInt64(ref source);
        edge.NeighbourVersion = ReadInt64(ref source);
        edge.FirstSequence = ReadInt64(ref source);
        return edge;
    }

    private static void Write(ref Span<byte> target, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(target, value);
        target = target[sizeof(int)..];
    }

    private static void Write(ref Span<byte> target, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(target, value);
        target = target[sizeof(long)..];
    }

    private static void Write(ref Span<byte> target, DateTimeOffset value)
    {
        Write(ref target, value.Ticks);
        BinaryPrimitives.WriteInt16LittleEndian(target, (short)value.TotalOffsetMinutes);
        target = target[sizeof(short)..];
    }

    private static int ReadInt32(ref ReadOnlySpan<byte> source)
    {
        int value = BinaryPrimitives.ReadInt32LittleEndian(source);
        source = source[sizeof(int)..];
        return value;
    }

    private static long ReadInt64(ref ReadOnlySpan<byte> source)
    {
        long value = BinaryPrimitives.ReadInt64LittleEndian(source);
        source = source[sizeof(long)..];
        return value;
    }

    private static DateTimeOffset ReadTime(ref ReadOnlySpan<byte> source)
    {
        long ticks = ReadInt64(ref source);
        short offsetMinutes = BinaryPrimitives.ReadInt16LittleEndian(source);
        source = source[sizeof(short)..];
        return new DateTimeOffset(ticks, TimeSpan.FromMinutes(offsetMinutes));
    }
}
