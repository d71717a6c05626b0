using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using LiveGraphRec.Core.IO;

namespace LiveGraphRec.Core.Embeddings;

/// <summary>
/// Reads and writes <see cref="EmbeddingModel"/>s in the versioned binary embedding format. All numbers are
/// little-endian; every checksum is XxHash64 of all bytes before it.
/// <code>
/// "LGREMB" | format version (u16) | header length (i32)
/// header: model name, model version (i64), dimension (i32), user count (i32), item count (i32),
///         created-at UTC ticks (i64), hyperparameters (count, key/value strings), metrics (count, key/f64),
///         user id map, item id map
/// header checksum (u64)
/// user vectors (f32, row-major) | item vectors (f32, row-major)
/// file checksum (u64)
/// </code>
/// The header has its own checksum so that the sizes it declares are known to be intact before they are
/// used: a short file is then reported as truncated, and a flipped size byte as corruption, not the reverse.
/// </summary>
public static class EmbeddingFile
{
    public const ushort FormatVersion = 1;
    private const int PrefixLength = 6 + sizeof(ushort) + sizeof(int);
    private const int ChecksumLength = sizeof(ulong);
    private const int BufferSize = 1 << 16;
    // Matrices move in slices so that their byte spans stay below int.MaxValue whatever the model size.
    private const int SliceFloats = 1 << 24;

    private static ReadOnlySpan<byte> Magic => "LGREMB"u8;

    /// <summary>Writes atomically: <paramref name="path"/> keeps its old content unless the new one is complete.</summary>
    public static void Write(string path, EmbeddingModel model) => AtomicFile.Write(path, stream => Write(stream, model));

    public static void Write(Stream stream, EmbeddingModel model)
    {
        model.EnsureConsistent();
        ThrowIfBigEndian();
        byte[] header = EmbeddingHeader.Of(model).Encode();
        var hash = new XxHash64();

        Span<byte> prefix = stackalloc byte[PrefixLength];
        Magic.CopyTo(prefix);
        BinaryPrimitives.WriteUInt16LittleEndian(prefix[Magic.Length..], FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(prefix[(Magic.Length + sizeof(ushort))..], header.Length);
        WriteHashed(stream, hash, prefix);
        WriteHashed(stream, hash, header);
        WriteChecksum(stream, hash);
        WriteMatrix(stream, hash, model.UserVectors);
        WriteMatrix(stream, hash, model.ItemVectors);
        WriteChecksum(stream, hash);
    }

    /// <exception cref="InvalidDataException">The file is not an embedding file, has an unsupported
    /// format version, is truncated or corrupted; the message names the file and the problem.</exception>
    public static EmbeddingModel Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        EmbeddingModel model = Read(stream, path);
        if (stream.Position != stream.Length)
        {
            throw Invalid(path, $"{stream.Length - stream.Position:N0} unexpected bytes after the file checksum");
        }
        return model;
    }

    /// <param name="sourceName">Names the source in error messages.</param>
    public static EmbeddingModel Read(Stream stream, string sourceName = "stream")
    {
        ThrowIfBigEndian();
        var hash = new XxHash64();

        Span<byte> prefix = stackalloc byte[PrefixLength];
        ReadHashed(stream, hash, prefix, sourceName, "file prefix");
        if (!prefix[..Magic.Length].SequenceEqual(Magic))
        {
            throw Invalid(sourceName, "not an embedding file (wrong magic bytes)");
        }
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(prefix[Magic.Length..]);
        if (version != FormatVersion)
        {
            throw Invalid(sourceName, $"unsupported format version {version} (this build reads version {FormatVersion})");
        }
        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(prefix[(Magic.Length + sizeof(ushort))..]);
        if (headerLength < 0)
        {
            throw Invalid(sourceName, $"header length {headerLength} is negative (file is corrupted)");
        }

        byte[] headerBytes = ReadHeaderBytes(stream, headerLength, sourceName);
        hash.Append(headerBytes);
        VerifyChecksum(stream, hash, sourceName, "header checksum");
        EmbeddingHeader header;
        try
        {
            header = EmbeddingHeader.Decode(headerBytes);
        }
        catch (InvalidDataException e)
        {
            throw Invalid(sourceName, e.Message);
        }

        float[] userVectors = ReadMatrix(stream, hash, header.UserFloats, sourceName, "user embeddings");
        float[] itemVectors = ReadMatrix(stream, hash, header.ItemFloats, sourceName, "item embeddings");
        VerifyChecksum(stream, hash, sourceName, "checksum");
        return new EmbeddingModel(header.ModelName, header.Version, header.Dimension, header.Users, header.Items,
            userVectors, itemVectors, header.Hyperparameters, header.Metrics, header.CreatedAt);
    }

    private static void WriteHashed(Stream stream, XxHash64 hash, ReadOnlySpan<byte> bytes)
    {
        hash.Append(bytes);
        stream.Write(bytes);
    }

    /// <summary>Writes the hash of everything so far; the checksum bytes then count as content for the next one.</summary>
    private static void WriteChecksum(Stream stream, XxHash64 hash)
    {
        Span<byte> checksum = stackalloc byte[ChecksumLength];
        BinaryPrimitives.WriteUInt64LittleEndian(checksum, hash.GetCurrentHashAsUInt64());
        WriteHashed(stream, hash, checksum);
    }

    private static void WriteMatrix(Stream stream, XxHash64 hash, float[] values)
    {
        for (int start = 0; start < values.Length; start += SliceFloats)
        {
            WriteHashed(stream, hash, MemoryMarshal.AsBytes(Slice(values, start)));
        }
    }

    private static void ReadHashed(Stream stream, XxHash64 hash, Span<byte> bytes, string source, string section)
    {
        int read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (read < bytes.Length)
        {
            throw Truncated(source, bytes.Length, read, section);
        }
        hash.Append(bytes);
    }

    private static void VerifyChecksum(Stream stream, XxHash64 hash, string source, string checksumName)
    {
        ulong expected = hash.GetCurrentHashAsUInt64();
        Span<byte> stored = stackalloc byte[ChecksumLength];
        ReadHashed(stream, hash, stored, source, checksumName);
        if (BinaryPrimitives.ReadUInt64LittleEndian(stored) != expected)
        {
            throw Invalid(source, $"{checksumName} mismatch (file is corrupted)");
        }
    }

    /// <summary>Reads in chunks because the length is not verified yet: memory grows only with bytes actually present.</summary>
    private static byte[] ReadHeaderBytes(Stream stream, int length, string source)
    {
        using var header = new MemoryStream(Math.Min(length, BufferSize));
        var chunk = new byte[BufferSize];
        while (header.Length < length)
        {
            int read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, length - header.Length));
            if (read == 0)
            {
                throw Truncated(source, length, header.Length, "header");
            }
            header.Write(chunk, 0, read);
        }
        return header.ToArray();
    }

    private static float[] ReadMatrix(Stream stream, XxHash64 hash, long floatCount, string source, string section)
    {
        var values = new float[floatCount];
        long expectedBytes = floatCount * sizeof(float);
        long found = 0;
        for (int start = 0; start < values.Length; start += SliceFloats)
        {
            Span<byte> bytes = MemoryMarshal.AsBytes(Slice(values, start));
            int read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            found += read;
            if (read < bytes.Length)
            {
                throw Truncated(source, expectedBytes, found, section);
            }
            hash.Append(bytes);
        }
        return values;
    }

    private static Span<float> Slice(float[] values, int start) =>
        values.AsSpan(start, Math.Min(SliceFloats, values.Length - start));

    private static void ThrowIfBigEndian()
    {
        // Matrices are copied as raw memory, which is little-endian only on little-endian machines.
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Embedding files can only be read and written on little-endian machines.");
        }
    }

    private static InvalidDataException Truncated(string source, long expected, long found, string section) =>
        Invalid(source, $"truncated: expected {expected:N0} bytes of {section}, found {found:N0}");

    private static InvalidDataException Invalid(string source, string problem) => new($"{source}: {problem}");
}
