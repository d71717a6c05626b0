using System.Net;
using System.Net.Sockets;
using LiveGraphRec.Tests;

namespace LiveGraphRec.Streaming.Redis.Tests;

/// <summary>The test fixture itself: a port taken between its pick and redis-server's bind must not fail a test run.</summary>
public sealed class RedisServerFixtureTests
{
    [SkippableFact]
    public async Task APortTakenBeforeTheServerBindsIsReplacedByAnother()
    {
        RedisServer.SkipIfMissing();
        var server = new RedisServer();
        int picked = server.Port;
        using var squatter = new TcpListener(IPAddress.Loopback, picked);
        squatter.Start();

        await server.InitializeAsync();
        try
        {
            Assert.NotEqual(picked, server.Port);
            Assert.Equal("PONG", (await server.Database.ExecuteAsync("PING")).ToString());
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
