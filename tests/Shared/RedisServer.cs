using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace LiveGraphRec.Tests;

/// <summary>
/// A throw-away <c>redis-server</c> on a free loopback port, without persistence, stopped by its PID on
/// dispose; a test fixture shared (as a linked source file) by the test projects that need Redis.
/// Tests skip (not fail) when redis-server is not installed.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private const string Executable = "/usr/bin/redis-server";
    private readonly string _folder = Directory.CreateTempSubdirectory("lgr-redis-").FullName;

    public static bool IsInstalled => File.Exists(Executable);

    public int Port { get; private set; } = FreeLoopbackPort();

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>A connection for the tests' own checks (not the code under test's).</summary>
    public IConnectionMultiplexer Connection { get; private set; } = null!;

    public IDatabase Database => Connection.GetDatabase();

    private string PidFile => Path.Combine(_folder, "redis.pid");

    private string LogFile => Path.Combine(_folder, "redis.log");

    /// <summary>Skips the calling test when redis-server is missing.</summary>
    public static void SkipIfMissing() => Skip.IfNot(IsInstalled, $"{Executable} is not installed");

    /// <summary>A service id no other test uses, so keys never collide.</summary>
    public static string NewServiceId() => $"lgr-test-{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        if (!IsInstalled)
        {
            return;
        }
        for (int attempt = 1; ; attempt++)
        {
            await LaunchAsync();
            if (await ConnectWhenReadyAsync() is { } connection)
            {
                Connection = connection;
                return;
            }
            if (attempt == 3)
            {
                string log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile) : "(no log)";
                throw new InvalidOperationException($"redis-server could not bind a free port in {attempt} attempts; its log:\n{log}");
            }
            // Another process took the port after FreeLoopbackPort released it (the daemon logs this and exits).
            await StopAsync();
            Port = FreeLoopbackPort();
        }
    }

    private async Task LaunchAsync()
    {
        File.Delete(LogFile); // BindFailed reads this launch's log only
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { "--port", $"{Port}", "--bind", "127.0.0.1", "--save", "", "--daemonize", "yes",
                     "--pidfile", PidFile, "--dir", _folder, "--logfile", LogFile })
        {
            start.ArgumentList.Add(argument);
        }
        using Process launcher = Process.Start(start)!;
        await launcher.WaitForExitAsync();
        Assert.True(launcher.ExitCode == 0, $"redis-server exited with {launcher.ExitCode}: {await launcher.StandardError.ReadToEndAsync()}");
    }

    /// <summary>A connection of its own, for the caller to dispose.</summary>
    public async Task<IConnectionMultiplexer> ConnectAsync() => await ConnectionMultiplexer.ConnectAsync(ConnectionString);

    /// <summary>Deletes every key of a service id.</summary>
    public async Task DeleteKeysAsync(string serviceId)
    {
        IServer server = Connection.GetServer(Connection.GetEndPoints()[0]);
        await foreach (RedisKey key in server.KeysAsync(pattern: $"{serviceId}/*"))
        {
            await Database.KeyDeleteAsync(key);
        }
    }

    public async Task DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }
        await StopAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Stops the server this fixture started, if it is running.</summary>
    private async Task StopAsync()
    {
        if (!File.Exists(PidFile) || !int.TryParse((await File.ReadAllTextAsync(PidFile)).Trim(), out int pid))
        {
            return;
        }
        File.Delete(PidFile);
        try
        {
            using Process server = Process.GetProcessById(pid);
            server.Kill();
            await server.WaitForExitAsync();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>A connection once the server answers; null when it could not bind its port.</summary>
    private async Task<IConnectionMultiplexer?> ConnectWhenReadyAsync()
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        // Short connect attempts: whatever else holds a taken port may accept and never answer.
        var probe = ConfigurationOptions.Parse(ConnectionString);
        probe.ConnectTimeout = 1_000;
        probe.ConnectRetry = 1;
        while (!BindFailed())
        {
            try
            {
                IConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(probe);
                await connection.GetDatabase().PingAsync();
                return connection;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
        return null;
    }

    /// <summary>Whether the daemon gave up on its port (it logs this and exits).</summary>
    private bool BindFailed() => File.Exists(LogFile) && File.ReadAllText(LogFile).Contains("Failed listening on port", StringComparison.Ordinal);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
