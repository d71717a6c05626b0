namespace LiveGraphRec.Core.Tests.Data;

/// <summary>
/// The real data sets, which live outside the repository: CI checks the repo out at X/main with the data
/// at X/shared/data, so the folder is found by walking up from the test binaries.
/// </summary>
internal static class SharedData
{
    public static string Folder(string dataSet)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data", dataSet);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"shared/data/{dataSet} not found in any folder above {AppContext.BaseDirectory}; these tests need the real data.");
    }
}
