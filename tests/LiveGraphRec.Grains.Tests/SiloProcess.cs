using System.Diagnostics;

namespace LiveGraphRec.Grains.Tests;

/// <summary>
/// The silo host as a separate process, started from its build output beside the tests (the project reference
/// copies it with its runtimeconfig and deps, in any configuration), so a test can kill it like a crash.
/// Settings go in as environment variables (<c>LGR__Section__Name</c>).
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 100;
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private SiloProcess(Process process) => _process = process;

    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public static SiloProcess Start(string url, IReadOnlyDictionary<string, string?> settings)
    {
        // The SDK points DOTNET_HOST_PATH at the dotnet that runs the tests.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LiveGraphRec.Silo.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var silo = new SiloProcess(Process.Start(start)!);
        silo._process.OutputDataReceived += (_, line) => silo.Keep(line.Data);
        silo._process.ErrorDataReceived += (_, line) => silo.Keep(line.Data);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        return silo;
    }

    public async Task WaitUntilReadyAsync(HttpClient client)
    {
        await Eventually.Returns(async () => _process.HasExited ? "exited" : await ReadinessAsync(client),
            status => status is "Healthy" or "exited", "the silo process is ready", 30);
        Assert.False(_process.HasExited, $"The silo process exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{RecentOutput}");
    }

    /// <summary>Kills the process and its children at once: no shutdown, no final write-behind flush.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }
        _process.Dispose();
    }

    private static async Task<string> ReadinessAsync(HttpClient client)
    {
        try
        {
            return await client.GetStringAsync("/readyz");
        }
        catch (HttpRequestException exception)
        {
            return exception.Message;
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptOutputLines)
            {
                _output.Dequeue();
            }
        }
    }
}
