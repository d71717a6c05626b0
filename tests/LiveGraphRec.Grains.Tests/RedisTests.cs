using System.Net;
using System.Net.Http.Json;
using System.Text;
using LiveGraphRec.Core.Embeddings;
using StackExchange.Redis;
using static LiveGraphRec.Grains.Tests.Interactions;

namespace LiveGraphRec.Grains.Tests;

public sealed class RedisTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [SkippableFact]
    public async Task StateSurvivesASiloRestart()
    {
        RedisServer.SkipIfMissing();
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

    [SkippableFact]
    public async Task TwoSiloHostsOnRedisFormOneClusterAndServeWhatEitherIngested()
    {
        RedisServer.SkipIfMissing();
        string modelPath = Path.Combine(Path.GetTempPath(), $"lgr-pair-{Guid.NewGuid():N}.lgr");
        EmbeddingFile.Write(modelPath, TwoCommunityModel.Create(version: 1));
        var settings = new Dictionary<string, string?>
        {
            ["LGR:Redis:ConnectionString"] = redis.ConnectionString,
            ["LGR:Silo:ServiceId"] = $"lgr-pair-{Guid.NewGuid():N}",
            ["LGR:Silo:SeedEmbeddingsPath"] = modelPath,
        };
        try
        {
            await using var first = new SiloHost(settings);
            await first.WaitUntilServingAsync();
            await using var second = new SiloHost(settings);
            await second.WaitUntilServingAsync();
            var hosts = await second.Service<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            Assert.Equal(2, hosts.Count);

            using HttpClient ingest = first.Client(), read = second.Client();
            var events = new StringContent(EventJson.Lines("pair-user", TwoCommunityModel.CommunityA.Take(3)), Encoding.UTF8, "application/x-ndjson");
            Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostAsync("/v1/events", events)).StatusCode);

            await Eventually.Returns(async () => await (await read.GetAsync("/v1/users/pair-user")).Content.ReadAsStringAsync(),
                body => body.Contains("\"appliedEvents\":3"), "all three events are applied");
            var result = await read.GetFromJsonAsync<RecommendationResult>("/v1/users/pair-user/recommendations?k=4");
            Assert.All(result!.Items, item => Assert.Contains(item.ItemId, TwoCommunityModel.CommunityA.Skip(3)));
        }
        finally
        {
            File.Delete(modelPath);
        }
    }
}
