using StackExchange.Redis;
using static LiveGraphRec.Grains.Tests.Interactions;

namespace LiveGraphRec.Grains.Tests;

public sealed class RedisStorageTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [SkippableFact]
    public async Task StateSurvivesASiloRestart()
    {
        Skip.IfNot(RedisServer.IsInstalled, "redis-server is not installed at /usr/bin/redis-server");
        var settings = new Dictionary<string, string?> { ["LGR:Redis:ConnectionString"] = redis.ConnectionString };
        string serviceId = $"lgr-test-{Guid.NewGuid():N}";

        var first = TestClusters.Create(silos: 2, settings, serviceId);
        await first.DeployAsync();
        foreach (int n in new[] { 1, 2, 3 })
        {
            Assert.True(await first.Client.GetGrain<IUserGrain>("durable").ApplyInteractionAsync(Event("durable", $"i{n}", $"durable-{n}")));
        }
        NodeProfile before = await first.Client.GetGrain<IUserGrain>("durable").GetProfileAsync();
        await first.StopAllSilosAsync();
        await first.DisposeAsync();

        await using (IConnectionMultiplexer connection = await redis.ConnectAsync())
        {
            var keys = connection.GetServer(connection.GetEndPoints().Single()).Keys(pattern: $"{serviceId}/state/*").ToList();
            Assert.Contains(keys, key => key.ToString().Contains("/durable/"));
        }

        var second = TestClusters.Create(silos: 1, settings, serviceId);
        await second.DeployAsync();
        try
        {
            NodeProfile after = await second.Client.GetGrain<IUserGrain>("durable").GetProfileAsync();
            Assert.Equal(before.Neighbours.Select(n => n.Id), after.Neighbours.Select(n => n.Id));
            Assert.Equal((3, 3L), (after.Degree, after.AppliedEvents));
            Assert.Equal(before.Embedding, after.Embedding);
            NodeProfile item = await second.Client.GetGrain<IItemGrain>("i2").GetProfileAsync();
            Assert.Equal("durable", item.Neighbours.Single().Id);
            // The event ledger came back too: a re-delivery after the restart is still a no-op.
            Assert.False(await second.Client.GetGrain<IUserGrain>("durable").ApplyInteractionAsync(Event("durable", "i2", "durable-2")));
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }
}
