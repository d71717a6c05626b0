using System.Diagnostics;
using StackExchange.Redis;

namespace LiveGraphRec.Grains.Tests;

/// <summary>
/// A private redis-server on a free loopback port for the tests of one class, without persistence,
/// stopped by its PID on dispose. When redis-server is not installed, <see cref="IsInstalled"/> is false
/// and tests skip.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private const string Executable = "/usr/bin/redis-server";
    private readonly string _folder = Directory.CreateTempSubdirectory("lgr-redis-").FullName;

    public static bool IsInstalled => File.Exists(Executable);

    public int Port { get; } = FreePort.Next();
    public string ConnectionString => $"127.0.0.1:{Port}";
    private string PidFile => Path.Combine(_folder, "redis.pid");

    public async Task InitializeAsync()
    {
        if (!IsInstalled)
        {
            return;
        }
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--daemonize", "yes",
                     "--pidfile", PidFile, "--dir", _folder })
        {
            start.ArgumentList.Add(argument);
        }
        using (Process launcher = Process.Start(start)!)
        {
            await launcher.WaitForExitAsync();
            Assert.True(launcher.ExitCode == 0, $"redis-server exited with {launcher.ExitCode}: {await launcher.StandardError.ReadToEndAsync()}");
        }
        await Eventually.Returns(CanConnectAsync, connected => connected, $"redis-server answers on port {Port}");
    }

    public async Task<IConnectionMultiplexer> ConnectAsync() => await ConnectionMultiplexer.ConnectAsync(ConnectionString);

    public Task DisposeAsync()
    {
        if (File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), out int pid))
        {
            using Process server = Process.GetProcessById(pid);
            server.Kill();
            server.WaitForExit(5_000);
        }
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<bool> CanConnectAsync()
    {
        try
        {
            await using var connection = await ConnectAsync();
            await connection.GetDatabase().PingAsync();
            return true;
        }
        catch (RedisConnectionException)
        {
            return false;
        }
    }
}
