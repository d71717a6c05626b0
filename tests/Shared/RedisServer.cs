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

    public int Port { get; } = FreeLoopbackPort();

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>A connection for the tests' own checks (not the code under test's).</summary>
    public IConnectionMultiplexer Connection { get; private set; } = null!;

    public IDatabase Database => Connection.GetDatabase();

    private string PidFile => Path.Combine(_folder, "redis.pid");

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
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { "--port", $"{Port}", "--bind", "127.0.0.1", "--save", "", "--daemonize", "yes",
                     "--pidfile", PidFile, "--dir", _folder })
        {
            start.ArgumentList.Add(argument);
        }
        using (Process launcher = Process.Start(start)!)
        {
            await launcher.WaitForExitAsync();
            Assert.True(launcher.ExitCode == 0, $"redis-server exited with {launcher.ExitCode}: {await launcher.StandardError.ReadToEndAsync()}");
        }
        Connection = await ConnectWhenReadyAsync();
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
        if (File.Exists(PidFile) && int.TryParse((await File.ReadAllTextAsync(PidFile)).Trim(), out int pid))
        {
            using Process server = Process.GetProcessById(pid);
            server.Kill();
            await server.WaitForExitAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<IConnectionMultiplexer> ConnectWhenReadyAsync()
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                IConnectionMultiplexer connection = await ConnectAsync();
                await connection.GetDatabase().PingAsync();
                return connection;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
