using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace LiveGraphRec.Tests;

/// <summary>
/// A throw-away <c>redis-server</c> on a free loopback port, without persistence, run in the foreground as a child
/// process and killed on dispose; a test fixture shared (as a linked source file) by the test projects that need Redis.
/// Tests skip (not fail) when redis-server is not installed.
/// </summary>
/// <remarks>
/// A port found free can be taken before the server binds it — by another fixture, or as the local port of one of
/// the many outgoing connections parallel tests open (ports are picked below the kernel's ephemeral range to make that
/// rare). The server is therefore watched until it logs that it accepts connections; if it exits instead, it is
/// started again on another port, and the last log is in the failure.
/// </remarks>
public sealed class RedisServer : IAsyncLifetime
{
    private const string Executable = "/usr/bin/redis-server";
    private const int Attempts = 5;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly string _folder = Directory.CreateTempSubdirectory("lgr-redis-").FullName;
    private Process? _server;

    public static bool IsInstalled => File.Exists(Executable);

    public int Port { get; private set; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>A connection for the tests' own checks (not the code under test's).</summary>
    public IConnectionMultiplexer Connection { get; private set; } = null!;

    public IDatabase Database => Connection.GetDatabase();

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
        var log = new StringBuilder();
        for (int attempt = 1; attempt <= Attempts; attempt++)
        {
            Port = FreeLoopbackPort();
            log.Clear();
            if (await StartAsync(log))
            {
                Connection = await ConnectAsync();
                return;
            }
        }
        Assert.Fail($"redis-server did not start in {Attempts} attempts; its last log:\n{log}");
    }

    /// <summary>Starts the server on <see cref="Port"/>; true once it accepts connections, false if it exited.</summary>
    private async Task<bool> StartAsync(StringBuilder log)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { "--port", $"{Port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                     "--dir", _folder })
        {
            start.ArgumentList.Add(argument);
        }
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new Process { StartInfo = start, EnableRaisingEvents = true };
        server.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }
            lock (log)
            {
                log.AppendLine(line.Data);
            }
            if (line.Data.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        server.ErrorDataReceived += (_, line) =>
        {
            lock (log)
            {
                log.AppendLine(line.Data);
            }
        };
        server.Exited += (_, _) => ready.TrySetCanceled();
        server.Start();
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(StartTimeout);
            _server = server;
            return true;
        }
        catch (TimeoutException)
        {
            // Neither ready nor exited: do not leave it running behind the failure.
            server.Kill();
            await server.WaitForExitAsync();
            throw new TimeoutException($"redis-server was not ready within {StartTimeout.TotalSeconds:0} s; its log:\n{log}");
        }
        catch (TaskCanceledException)
        {
            await server.WaitForExitAsync();
            server.Dispose();
            return false;
        }
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
        if (_server is not null)
        {
            _server.Kill();
            await _server.WaitForExitAsync();
            _server.Dispose();
        }
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A port free now, between 20,000 and 32,000: below Linux's ephemeral range (32,768 on), which outgoing connections draw from.</summary>
    private static int FreeLoopbackPort()
    {
        while (true)
        {
            int port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
    }
}
