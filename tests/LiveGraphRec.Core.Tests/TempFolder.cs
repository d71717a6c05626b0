namespace LiveGraphRec.Core.Tests;

/// <summary>A fresh folder for one test, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("lgr-tests-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="content"/> to a file in the folder and returns its path.</summary>
    public string Write(string fileName, string content)
    {
        string path = File(fileName);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string[] Files() => Directory.GetFiles(Path).Select(file => System.IO.Path.GetFileName(file)).ToArray();

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
