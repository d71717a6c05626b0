using System.Buffers.Binary;
using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Embeddings;

namespace LiveGraphRec.Core.Tests.Embeddings;

public class EmbeddingFileTests
{
    private const int PrefixLength = 12;
    private const int ChecksumLength = 8;

    [Fact]
    public void Read_returns_what_Write_wrote()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.lgr");
        EmbeddingModel model = SampleModel(users: 5, items: 7, dimension: 3);

        EmbeddingFile.Write(path, model);
        EmbeddingModel read = EmbeddingFile.Read(path);

        Assert.Equal(model.ModelName, read.ModelName);
        Assert.Equal(model.Version, read.Version);
        Assert.Equal(model.Dimension, read.Dimension);
        Assert.Equal(model.Users.Ids, read.Users.Ids);
        Assert.Equal(model.Items.Ids, read.Items.Ids);
        Assert.Equal(model.UserVectors, read.UserVectors);
        Assert.Equal(model.ItemVectors, read.ItemVectors);
        Assert.Equal(model.Hyperparameters.OrderBy(p => p.Key), read.Hyperparameters.OrderBy(p => p.Key));
        Assert.Equal(model.Metrics.OrderBy(p => p.Key), read.Metrics.OrderBy(p => p.Key));
        Assert.Equal(model.CreatedAt, read.CreatedAt);
        Assert.Equal(model.ItemVector(6).ToArray(), read.ItemVector(6).ToArray());
    }

    [Fact]
    public void Model_without_users_or_items_round_trips()
    {
        EmbeddingModel model = SampleModel(users: 0, items: 0, dimension: 4);

        EmbeddingModel read = EmbeddingFile.Read(new MemoryStream(Bytes(model)));

        Assert.Equal(0, read.Users.Count);
        Assert.Empty(read.ItemVectors);
    }

    [Fact]
    public void Same_model_gives_the_same_bytes()
    {
        EmbeddingModel model = SampleModel(users: 3, items: 4, dimension: 2);
        var reordered = model with
        {
            Hyperparameters = model.Hyperparameters.Reverse().ToDictionary(),
            Metrics = model.Metrics.Reverse().ToDictionary(),
        };

        Assert.Equal(Bytes(model), Bytes(reordered));
    }

    [Fact]
    public void Truncated_item_matrix_names_the_section_and_sizes()
    {
        using var folder = new TempFolder();
        string path = folder.File("gowalla.lgr");
        EmbeddingModel model = SampleModel(users: 2, items: 10, dimension: 4);
        byte[] bytes = Bytes(model);
        // Keep the user matrix and 16 bytes of the 160-byte item matrix.
        int itemStart = bytes.Length - ChecksumLength - 10 * 4 * sizeof(float);
        File.WriteAllBytes(path, bytes[..(itemStart + 16)]);

        var error = Assert.Throws<InvalidDataException>(() => EmbeddingFile.Read(path));

        Assert.Equal($"{path}: truncated: expected 160 bytes of item embeddings, found 16", error.Message);
    }

    [Fact]
    public void File_truncated_anywhere_fails_as_truncated()
    {
        byte[] bytes = Bytes(SampleModel(users: 3, items: 4, dimension: 2));
        int headerEnd = PrefixLength + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        int[] lengths = [0, 3, PrefixLength - 1, PrefixLength, headerEnd - 1, headerEnd, headerEnd + ChecksumLength + 5, bytes.Length - 1];

        foreach (int length in lengths)
        {
            var error = Assert.Throws<InvalidDataException>(() => EmbeddingFile.Read(new MemoryStream(bytes[..length]), "m.lgr"));
            Assert.StartsWith("m.lgr: truncated: expected ", error.Message);
        }
    }

    [Fact]
    public void Every_single_byte_flip_is_detected()
    {
        byte[] bytes = Bytes(SampleModel(users: 2, items: 3, dimension: 2));

        for (int offset = 0; offset < bytes.Length; offset++)
        {
            foreach (byte mask in (byte[])[0x01, 0x80])
            {
                byte[] corrupted = (byte[])bytes.Clone();
                corrupted[offset] ^= mask;
                Assert.Throws<InvalidDataException>(() => EmbeddingFile.Read(new MemoryStream(corrupted)));
            }
        }
    }

    [Fact]
    public void Corrupted_vector_byte_reports_a_checksum_mismatch()
    {
        using var folder = new TempFolder();
        string path = folder.File("gowalla.lgr");
        byte[] bytes = Bytes(SampleModel(users: 2, items: 3, dimension: 2));
        bytes[^(ChecksumLength + 1)] ^= 0x10;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => EmbeddingFile.Read(path));

        Assert.Equal($"{path}: checksum mismatch (file is corrupted)", error.Message);
    }

    [Fact]
    public void Corrupted_header_byte_reports_a_header_checksum_mismatch()
    {
        byte[] bytes = Bytes(SampleModel(users: 2, items: 3, dimension: 2));
        bytes[PrefixLength + 2] ^= 0x10;

        var error = Assert.Throws<InvalidDataException>(() => EmbeddingFile.Read(new MemoryStream(bytes), "m.lgr"));

        Assert.Equal("m.lgr: header checksum mismatch (file is corrupted)", error.Message);
    }

    [Fact]
    public void Other_file_is_rejected_as_not_an_embedding_file()
    {
        byte[] bytes = "user,item,timestamp\nu1,i1,0\n"u8.ToArray();

        var error = Assert.Throws<InvalidDataException>(() => EmbeddingFile.Read(new MemoryStream(bytes), "events.csv"));

        Assert.Equal("events.csv: not an embedding file (wrong magic bytes)", error.Message);
    }

    [Fact]
    public void Newer_format_version_is_rejected()
    {
        byte[] bytes = Bytes(SampleModel(users: 1, items: 1, dimension: 1));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), EmbeddingFile.FormatVersion + 1);

        var error = Assert.Throws<InvalidDataException>(() => EmbeddingFile.Read(new MemoryStream(bytes), "m.lgr"));

        Assert.Equal($"m.lgr: unsupported format version {EmbeddingFile.FormatVersion + 1} (this build reads version {EmbeddingFile.FormatVersion})", error.Message);
    }

    [Fact]
    public void Data_after_the_checksum_is_rejected()
    {
        using var folder = new TempFolder();
        string path = folder.File("m.lgr");
        File.WriteAllBytes(path, [.. Bytes(SampleModel(users: 1, items: 1, dimension: 1)), 0, 0]);

        var error = Assert.Throws<InvalidDataException>(() => EmbeddingFile.Read(path));

        Assert.Equal($"{path}: 2 unexpected bytes after the file checksum", error.Message);
    }

    [Fact]
    public void Failed_write_keeps_the_old_file_and_leaves_no_temporary_file()
    {
        using var folder = new TempFolder();
        string path = folder.File("m.lgr");
        EmbeddingModel old = SampleModel(users: 2, items: 2, dimension: 2);
        EmbeddingFile.Write(path, old);
        EmbeddingModel inconsistent = SampleModel(users: 2, items: 2, dimension: 2) with { UserVectors = new float[3] };

        Assert.Throws<ArgumentException>(() => EmbeddingFile.Write(path, inconsistent));

        Assert.Equal(old.UserVectors, EmbeddingFile.Read(path).UserVectors);
        Assert.Equal(["m.lgr"], folder.Files());
    }

    private static byte[] Bytes(EmbeddingModel model)
    {
        using var stream = new MemoryStream();
        EmbeddingFile.Write(stream, model);
        return stream.ToArray();
    }

    private static EmbeddingModel SampleModel(int users, int items, int dimension)
    {
        var userIds = new IdMap();
        for (int u = 0; u < users; u++)
        {
            userIds.GetOrAdd($"user-{u}");
        }
        var itemIds = new IdMap();
        for (int i = 0; i < items; i++)
        {
            itemIds.GetOrAdd($"item-{i}");
        }
        return new EmbeddingModel(
            ModelName: "lightgcn",
            Version: 42,
            Dimension: dimension,
            Users: userIds,
            Items: itemIds,
            UserVectors: Enumerable.Range(0, users * dimension).Select(k => k * 0.5f - 1).ToArray(),
            ItemVectors: Enumerable.Range(0, items * dimension).Select(k => -k / 3f).ToArray(),
            Hyperparameters: new Dictionary<string, string> { ["layers"] = "3", ["lr"] = "0.001", ["dim"] = $"{dimension}" },
            Metrics: new Dictionary<string, double> { ["recall@20"] = 0.1834, ["ndcg@20"] = double.Epsilon },
            CreatedAt: new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)));
    }
}
