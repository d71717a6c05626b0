using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace LiveGraphRec.Streaming.Redis.Tests.Infrastructure;

/// <summary>
/// A throw-away <c>redis-server</c> on a free loopback port for the whole test run, stopped by its PID.
/// Tests skip (not fail) when redis-server is not installed.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private const string ServerPath = "/usr/bin/redis-server";
    private readonly string _directory = Directory.CreateTempSubdirectory("lgr-redis-").FullName;

    public bool IsInstalled { get; } = File.Exists(ServerPath);

    public string ConnectionString { get; private set; } = "";

    /// <summary>A connection for the tests' own checks (not the provider's).</summary>
    public IConnectionMultiplexer Connection { get; private set; } = null!;

    public IDatabase Database => Connection.GetDatabase();

    private string PidFile => Path.Combine(_directory, "redis.pid");

    public async Task InitializeAsync()
    {
        if (!IsInstalled)
        {
            return;
        }
        var port = FreeLoopbackPort();
        using (var server = Process.Start(ServerPath,
            ["--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--daemonize", "yes", "--pidfile", PidFile, "--dir", _directory]))
        {
            await server.WaitForExitAsync();
        }
        ConnectionString = $"127.0.0.1:{port}";
        Connection = await ConnectWhenReadyAsync(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }
        if (File.Exists(PidFile))
        {
            using var server = Process.GetProcessById(int.Parse(await File.ReadAllTextAsync(PidFile)));
            server.Kill();
            await server.WaitForExitAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Skips the calling test when redis-server is missing.</summary>
    public void SkipIfMissing() => Skip.IfNot(IsInstalled, $"{ServerPath} is not installed");

    /// <summary>A service id no other test uses, so keys never collide.</summary>
    public static string NewServiceId() => $"lgr-test-{Guid.NewGuid():N}";

    /// <summary>Deletes every key of a service id.</summary>
    public async Task DeleteKeysAsync(string serviceId)
    {
        var server = Connection.GetServer(Connection.GetEndPoints()[0]);
        await foreach (var key in server.KeysAsync(pattern: $"{serviceId}/*"))
        {
            await Database.KeyDeleteAsync(key);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<IConnectionMultiplexer> ConnectWhenReadyAsync(string connectionString)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                var connection = await ConnectionMultiplexer.ConnectAsync(connectionString);
                await connection.GetDatabase().PingAsync();
                return connection;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis-server";
}
