namespace LiveGraphRec.Core.Tests.Data;

/// <summary>
/// The real data sets, which live outside the repository: <c>LGR_SHARED_DATA</c> names their folder, else
/// it is found by walking up from the test binaries (CI checks the repo out at X/main, the data at X/shared/data).
/// Tests that need it are skipped, visibly, where the data is absent.
/// </summary>
internal static class SharedData
{
    public const string Variable = "LGR_SHARED_DATA";

    public static string Folder(string dataSet)
    {
        string? configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(configured))
        {
            string path = Path.Combine(configured, dataSet);
            Skip.IfNot(Directory.Exists(path), $"{Variable}={configured} has no {dataSet} folder.");
            return path;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data", dataSet);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        Skip.If(true, $"shared/data/{dataSet} is not above {AppContext.BaseDirectory} and {Variable} is not set.");
        return "";
    }
}
