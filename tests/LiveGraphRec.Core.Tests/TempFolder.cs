namespace LiveGraphRec.Core.Tests;

/// <summary>A fresh folder for one test, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("lgr-tests-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string[] Files() => Directory.GetFiles(Path).Select(file => System.IO.Path.GetFileName(file)).ToArray();

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
