using System.Collections.Concurrent;
using System.Net;
using System.Text;
using LiveGraphRec.Core.Diagnostics;
using LiveGraphRec.Grains.Ingestion;
using LiveGraphRec.Grains.Training;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.TestingHost;
using StackExchange.Redis;
using static LiveGraphRec.Grains.Tests.Interactions;

namespace LiveGraphRec.Grains.Tests;

/// <summary>
/// Events travel as one stream entry per partition per request and are applied by the partition's grain: many users'
/// events per entry and per delivery, one interaction log append per delivery.
/// </summary>
public sealed class PartitionIngestionTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string Provider = "interactions";

    [Fact]
    public void UsersSpreadOverThePartitionsTheSameWayInEveryProcess()
    {
        string[] users = Enumerable.Range(0, 4_000).Select(n => $"user-{n}").ToArray();
        int[] partitions = users.Select(user => InteractionStreams.PartitionOf(user, 8)).ToArray();

        Assert.Equal(partitions, users.Select(user => InteractionStreams.PartitionOf(new string(user.AsSpan()), 8)));
        Assert.All(partitions.CountBy(partition => partition), pair => Assert.InRange(pair.Value, 350, 650));
        Assert.InRange(partitions.Min(), 0, 0);
        Assert.InRange(partitions.Max(), 7, 7);
        // FNV-1a's published test vector ("a" → 0xE40C292C): a silo built later (or another process) must put a
        // user's events on the same stream.
        Assert.Equal((int)(0xE40C292CU % 1_000), InteractionStreams.PartitionOf("a", 1_000));
    }

    [SkippableFact]
    public async Task ARequestOfManyUsersIsOneStreamEntryPerPartition()
    {
        RedisServer.SkipIfMissing();
        string serviceId = RedisServer.NewServiceId();
        await using var silo = new SiloHost(new Dictionary<string, string?>
        {
            ["LGR:Redis:ConnectionString"] = redis.ConnectionString,
            ["LGR:Silo:ServiceId"] = serviceId,
            ["LGR:Ingestion:Partitions"] = "4",
        });
        using HttpClient client = silo.Client();
        string[] users = Enumerable.Range(0, 60).Select(n => $"many-{n}").ToArray();
        string body = string.Join('\n', users.Select((user, n) => EventJson.Record($"many-event-{n}", user, $"i{n % 10}")));

        using var content = new StringContent(body, Encoding.UTF8, "application/x-ndjson");
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/v1/events", content)).StatusCode);

        IServer server = redis.Connection.GetServer(redis.Connection.GetEndPoints().Single());
        long entries = 0;
        foreach (RedisKey key in server.Keys(pattern: $"{serviceId}/streaming/{Provider}/*"))
        {
            entries += await redis.Database.StreamLengthAsync(key);
        }
        Assert.Equal(users.Select(user => InteractionStreams.PartitionOf(user, 4)).Distinct().Count(), entries);
        Assert.Equal(4, entries);

        var progress = silo.Service<ApplyProgress>();
        await Eventually.Returns(() => Task.FromResult(progress.Report()), report => report.AppliedEvents == users.Length, "every event is applied", 30);
        Assert.Equal(users.Length, await silo.Service<IInteractionLog>().CountAsync());
        NodeProfile profile = await silo.Service<IGrainFactory>().GetGrain<IUserGrain>("many-17").GetProfileAsync();
        Assert.Equal(("i7", 1L), (profile.Neighbours.Single().Id, profile.AppliedEvents));
    }

    [Fact]
    public async Task ARedeliveredPartitionBatchChangesNothing()
    {
        await using var silo = new SiloHost(new Dictionary<string, string?>());
        var grains = silo.Service<IGrainFactory>();
        var progress = silo.Service<ApplyProgress>();
        var log = silo.Service<IInteractionLog>();
        string[] users = ["again-a", "again-b", "again-c"];
        var batch = new InteractionBatch([.. users.SelectMany(user => new[] { Event(user, "i1", $"{user}-1"), Event(user, "i2", $"{user}-2") })]);
        IAsyncStream<InteractionBatch> stream = PartitionStream(silo, 0);

        await stream.OnNextAsync(batch);
        await Eventually.Returns(() => Task.FromResult(progress.Report()), report => report.AppliedEvents == 6, "the batch is applied", 30);
        long logged = await log.CountAsync();
        NodeProfile[] before = await ProfilesAsync(grains, users);

        await stream.OnNextAsync(batch);
        ApplyProgressReport after = await Eventually.Returns(() => Task.FromResult(progress.Report()),
            report => report.DuplicateEvents == 6, "the re-delivery is applied as duplicates", 30);

        Assert.Equal(6, after.AppliedEvents);
        Assert.Equal(6, logged);
        Assert.Equal(logged, await log.CountAsync());
        NodeProfile[] again = await ProfilesAsync(grains, users);
        Assert.Equal(before.Select(Summary), again.Select(Summary));
        NodeProfile item = await grains.GetGrain<IItemGrain>("i1").GetProfileAsync();
        Assert.Equal((3, 3L), (item.Degree, item.AppliedEvents));
    }

    [Fact]
    public async Task AUsersEventsKeepTheirOrderAcrossTheEntriesOfADelivery()
    {
        var cluster = TestClusters.Create(silos: 1, configure: builder => builder.AddSiloBuilderConfigurator<DeliveredRecorder>());
        await cluster.DeployAsync();
        try
        {
            IServiceProvider services = Assert.IsType<InProcessSiloHandle>(cluster.Primary).SiloHost.Services;
            var progress = services.GetRequiredService<ApplyProgress>();
            IAsyncStream<InteractionBatch> stream = services.GetRequiredService<IClusterClient>().GetStreamProvider(Provider)
                .GetStream<InteractionBatch>(StreamId.Create(InteractionStreams.Namespace, InteractionStreams.Key(1)));
            string[] users = ["order-a", "order-b", "order-c"];
            // Entries in a row (a delivery takes up to EntriesPerDelivery of them), each with some users' next events.
            var posted = new List<InteractionEvent>();
            for (int entry = 0; entry < 6; entry++)
            {
                List<InteractionEvent> events = [.. users.Where((_, n) => (entry + n) % 3 != 0)
                    .SelectMany(user => new[] { Event(user, $"i{entry}", $"{user}-{entry}a"), Event(user, $"i{entry + 10}", $"{user}-{entry}b") })];
                posted.AddRange(events);
                await stream.OnNextAsync(new InteractionBatch(events));
            }
            await Eventually.Returns(() => Task.FromResult(progress.Report()), report => report.AppliedEvents == posted.Count, "every event is applied", 30);

            foreach (string user in users)
            {
                var handed = DeliveredRecorder.Calls.Where(call => call.User == user).SelectMany(call => call.EventIds);
                Assert.Equal(posted.Where(e => e.UserId == user).Select(e => e.EventId), handed);
            }
            var log = services.GetRequiredService<IInteractionLog>();
            IReadOnlyList<LoggedInteraction> logged = await log.ReadAsync(1, await log.CountAsync(), CancellationToken.None);
            Assert.Equal(posted.Select(e => (e.UserId, e.ItemId)), logged.Select(e => (e.UserId, e.ItemId)));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static IAsyncStream<InteractionBatch> PartitionStream(SiloHost silo, int partition) =>
        silo.Service<IClusterClient>().GetStreamProvider(Provider)
            .GetStream<InteractionBatch>(StreamId.Create(InteractionStreams.Namespace, InteractionStreams.Key(partition)));

    private static Task<NodeProfile[]> ProfilesAsync(IGrainFactory grains, IEnumerable<string> users) =>
        Task.WhenAll(users.Select(user => grains.GetGrain<IUserGrain>(user).GetProfileAsync()));

    private static string Summary(NodeProfile profile) =>
        $"{profile.Id}: degree {profile.Degree}, applied {profile.AppliedEvents}, "
        + string.Join(", ", profile.Neighbours.OrderBy(n => n.Id).Select(n => $"{n.Id}×{n.Interactions}"));

    /// <summary>Records the events each user grain is handed by its partition, in call order.</summary>
    private sealed class DeliveredRecorder : ISiloConfigurator
    {
        public static readonly ConcurrentQueue<(string User, string[] EventIds)> Calls = new();

        public void Configure(ISiloBuilder silo) => silo.AddIncomingGrainCallFilter(async context =>
        {
            if (context.Request.GetArgumentCount() == 1 && context.Request.GetArgument(0) is IReadOnlyList<DeliveredInteraction> events)
            {
                Calls.Enqueue((context.TargetId.Key.ToString()!, [.. events.Select(delivered => delivered.Event.EventId)]));
            }
            await context.Invoke();
        });
    }
}
