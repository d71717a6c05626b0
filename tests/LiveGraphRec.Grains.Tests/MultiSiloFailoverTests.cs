using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using LiveGraphRec.Core.Embeddings;
using LiveGraphRec.Silo.Options;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace LiveGraphRec.Grains.Tests;

/// <summary>
/// A real two-silo cluster on this machine: two silo processes on loopback ports, clustered through Redis. One is
/// killed; the survivor keeps answering recommendations over HTTP and keeps accepting events, then applies them (it
/// takes over the dead silo's event log partitions and re-delivers what the dead one left unacknowledged); the
/// killed silo comes back, and every acknowledged event is reflected exactly once on both.
/// </summary>
public sealed class MultiSiloFailoverTests(RedisServer redis, ITestOutputHelper output) : IClassFixture<RedisServer>
{
    private const int Users = 12, Items = 30, EventsPerPhase = 96, BatchSize = 8;
    private static readonly TimeSpan PendingIdleTimeout = TimeSpan.FromSeconds(2);
    // Generous: a silo process starts in a few seconds on a quiet machine, far slower on a busy 2-core one.
    private const double StartSeconds = 90;

    [SkippableFact]
    public async Task TheSurvivorServesAndIngestsWhileASiloIsDownAndNothingIsLost()
    {
        RedisServer.SkipIfMissing();
        string serviceId = $"lgr-failover-{Guid.NewGuid():N}";
        string folder = Directory.CreateTempSubdirectory("lgr-failover-").FullName;
        string model = Path.Combine(folder, "model.lgr");
        EmbeddingFile.Write(model, TwoCommunityModel.Create(version: 1));
        var common = new Dictionary<string, string?>(TestGraphOptions.Settings)
        {
            ["LGR:Redis:ConnectionString"] = redis.ConnectionString,
            ["LGR:Api:ApiKey"] = SiloHost.ApiKey,
            ["LGR:Silo:ServiceId"] = serviceId,
            ["LGR:Silo:ClusterId"] = serviceId,
            ["LGR:Silo:SeedEmbeddingsPath"] = model,
            ["LGR:Ingestion:PendingIdleTimeout"] = PendingIdleTimeout.ToString(),
            ["LGR:Telemetry:Dashboard"] = "false",
        };
        SiloEndpoint first = new(common), second = new(common);
        using HttpClient firstClient = first.Client(), secondClient = second.Client();
        PostedEvent[][] phases = Enumerable.Range(0, 3).Select(phase => Enumerable.Range(phase * EventsPerPhase, EventsPerPhase)
            .Select(n => new PostedEvent($"failover-{n}", $"failover-u{n % Users}", $"i{n * 7 % Items}")).ToArray()).ToArray();
        string[] users = [.. phases.SelectMany(phase => phase).Select(e => e.User).Distinct()];
        try
        {
            await using SiloProcess survivor = second.Start();
            await survivor.WaitUntilReadyAsync(secondClient, StartSeconds);
            await using (SiloProcess victim = first.Start())
            {
                await victim.WaitUntilReadyAsync(firstClient, StartSeconds);
                await Eventually.Returns(ActiveSilosAsync(serviceId), active => active == 2, "both silos joined one cluster", StartSeconds);

                // Both silos ingest; every user's grain lives on one of them.
                foreach (var (batch, index) in phases[0].Chunk(BatchSize).Select((batch, index) => (batch, index)))
                {
                    Assert.True(await PostedEvents.TryPostAsync(index % 2 == 0 ? firstClient : secondClient, batch));
                }
                await PostedEvents.WaitUntilAppliedAsync(secondClient, Expected(phases.Take(1)), 60);
                await victim.KillAsync();
            }
            var down = Stopwatch.StartNew();
            // Ingestion continues on the survivor at once: accepting needs only the event log.
            foreach (PostedEvent[] batch in phases[1].Chunk(BatchSize))
            {
                Assert.True(await PostedEvents.TryPostAsync(secondClient, batch), $"the survivor accepts events:\n{survivor.RecentOutput}");
            }
            TimeSpan accepted = down.Elapsed;
            // Recommendations for every user, including those whose grains were on the killed silo.
            await Eventually.Returns(() => UnservedAsync(secondClient, users), unserved => unserved.Count == 0,
                "the survivor serves every user's recommendations", 90);
            TimeSpan served = down.Elapsed;
            await PostedEvents.WaitUntilAppliedAsync(secondClient, Expected(phases.Take(2)), 90);
            TimeSpan applied = down.Elapsed;
            output.WriteLine($"After the kill: phase-2 events accepted in {accepted.TotalSeconds:F1} s, every user served in " +
                $"{served.TotalSeconds:F1} s, every event applied in {applied.TotalSeconds:F1} s (Redis membership, default probes).");

            // The killed silo returns on its old endpoint and ingests again.
            await using SiloProcess returned = first.Start();
            await returned.WaitUntilReadyAsync(firstClient, StartSeconds);
            foreach (PostedEvent[] batch in phases[2].Chunk(BatchSize))
            {
                Assert.True(await PostedEvents.TryPostAsync(firstClient, batch), $"the returned silo accepts events:\n{returned.RecentOutput}");
            }
            Dictionary<string, PostedEvent[]> all = Expected(phases);
            await PostedEvents.WaitUntilAppliedAsync(firstClient, all, 60);
            await PostedEvents.AssertExactlyOnceAsync(firstClient, all);
            await PostedEvents.AssertExactlyOnceAsync(secondClient, all);
            // Late re-deliveries (a claim pass runs every PendingIdleTimeout) change nothing.
            await Task.Delay(2 * PendingIdleTimeout);
            await PostedEvents.AssertExactlyOnceAsync(secondClient, all);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Dictionary<string, PostedEvent[]> Expected(IEnumerable<PostedEvent[]> phases) =>
        phases.SelectMany(phase => phase).GroupBy(e => e.User).ToDictionary(user => user.Key, user => user.ToArray());

    /// <summary>How many users got recommendations (a short timeout: a call to a grain of the dead silo may hang until it is declared dead).</summary>
    /// <summary>The users the survivor does not serve yet, each with why (so a timeout says which and how).</summary>
    private static async Task<List<string>> UnservedAsync(HttpClient client, IEnumerable<string> users)
    {
        var unserved = new List<string>();
        foreach (string user in users)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                RecommendationResult? result = await client.GetFromJsonAsync<RecommendationResult>($"/v1/users/{user}/recommendations?k=5", timeout.Token);
                if (result!.Items.Count == 0)
                {
                    unserved.Add($"{user}: no items");
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                unserved.Add($"{user}: {exception.GetType().Name} {exception.Message}");
            }
        }
        return unserved;
    }

    /// <summary>Silos the Redis membership table lists as active (status 3).</summary>
    private Func<Task<int>> ActiveSilosAsync(string serviceId) => async () =>
    {
        await using IConnectionMultiplexer connection = await redis.ConnectAsync();
        HashEntry[] members = await connection.GetDatabase().HashGetAllAsync($"{serviceId}/members/{serviceId}");
        return members.Count(member => member.Value.ToString().Contains("\"Status\":3", StringComparison.Ordinal));
    };

    /// <summary>A silo's fixed URL and ports, so that a restarted silo takes its predecessor's endpoint.</summary>
    private sealed class SiloEndpoint(IReadOnlyDictionary<string, string?> common)
    {
        private readonly string _url = $"http://127.0.0.1:{FreePort.Next()}";
        private readonly Dictionary<string, string?> _settings = new(common)
        {
            ["LGR:Silo:SiloPort"] = FreePort.Next().ToString(),
            ["LGR:Silo:GatewayPort"] = FreePort.Next().ToString(),
        };

        public SiloProcess Start() => SiloProcess.Start(_url, _settings);

        public HttpClient Client()
        {
            var client = new HttpClient { BaseAddress = new Uri(_url) };
            client.DefaultRequestHeaders.Add(ApiOptions.KeyHeader, SiloHost.ApiKey);
            return client;
        }
    }
}
