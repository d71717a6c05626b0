namespace LiveGraphRec.Core.IO;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new content, never a
/// partial file: the content goes to a temporary file in the same folder (so the final move is a rename
/// on the same file system), is flushed to disk, and only then replaces the target.
/// </summary>
public static class AtomicFile
{
    private const int BufferSize = 1 << 16;

    public static void Write(string path, Action<Stream> writeContent)
    {
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        string tempPath = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize))
            {
                writeContent(stream);
                // Without this the rename could reach the disk before the data after a crash.
                stream.Flush(flushToDisk: true);
            }
            File.Move(tempPath, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(tempPath);
            throw;
        }
    }
}
