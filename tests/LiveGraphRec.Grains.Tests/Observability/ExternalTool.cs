using System.Diagnostics;

namespace LiveGraphRec.Grains.Tests.Observability;

/// <summary>A program from the machine (test.sh installs chromium and prometheus from apt), run to completion with a time limit.</summary>
internal static class ExternalTool
{
    /// <summary>The program's path on PATH, or null when it is not installed.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    /// <summary>Skips the test, saying why, when <paramref name="name"/> is not installed.</summary>
    public static string Require(string name)
    {
        string? path = Find(name);
        Skip.If(path is null, $"{name} is not installed (test.sh installs it from apt); this check did not run");
        return path!;
    }

    /// <returns>The exit code and standard output; standard error joins the output of a failure.</returns>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string path, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(path)} did not finish within {timeout.TotalSeconds} s");
        }
        return (process.ExitCode, await output, await error);
    }
}
