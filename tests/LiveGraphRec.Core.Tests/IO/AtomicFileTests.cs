using LiveGraphRec.Core.IO;

namespace LiveGraphRec.Core.Tests.IO;

public class AtomicFileTests
{
    [Fact]
    public void Write_replaces_the_file_and_leaves_no_temporary_file()
    {
        using var folder = new TempFolder();
        string path = folder.File("data.bin");
        File.WriteAllText(path, "old");

        AtomicFile.Write(path, stream => stream.Write("new"u8));

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["data.bin"], folder.Files());
    }

    [Fact]
    public void Write_that_fails_midway_keeps_the_old_file_and_removes_the_temporary_file()
    {
        using var folder = new TempFolder();
        string path = folder.File("data.bin");
        File.WriteAllText(path, "old");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100_000]);
            throw new IOException("disk full");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["data.bin"], folder.Files());
    }

    [Fact]
    public void Write_creates_missing_folders()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "a", "b", "data.bin");

        AtomicFile.Write(path, stream => stream.WriteByte(7));

        Assert.Equal([7], File.ReadAllBytes(path));
    }
}
