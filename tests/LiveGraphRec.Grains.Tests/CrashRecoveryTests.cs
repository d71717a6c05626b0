using System.Collections.Concurrent;
using LiveGraphRec.Silo.Options;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace LiveGraphRec.Grains.Tests;

/// <summary>
/// Durable ingestion end to end: a silo process on Redis is killed while events are being posted and applied,
/// started again, and every event a client got a 202 for (plus the batches it retried, same ids) is applied
/// exactly once — none lost with the crashed silo's unwritten state, none counted twice on re-delivery.
/// </summary>
public sealed class CrashRecoveryTests(RedisServer redis, ITestOutputHelper output) : IClassFixture<RedisServer>
{
    private const int Users = 8, Items = 50, EventCount = 480, BatchSize = 16, Posters = 2;
    private static readonly TimeSpan PendingIdleTimeout = TimeSpan.FromSeconds(2);

    [SkippableFact]
    public async Task EveryAcknowledgedEventIsAppliedExactlyOnceAcrossASiloCrash()
    {
        RedisServer.SkipIfMissing();
        string serviceId = $"lgr-crash-{Guid.NewGuid():N}", url = $"http://127.0.0.1:{FreePort.Next()}";
        var settings = new Dictionary<string, string?>(TestGraphOptions.Settings)
        {
            ["LGR:Redis:ConnectionString"] = redis.ConnectionString,
            ["LGR:Api:ApiKey"] = SiloHost.ApiKey,
            ["LGR:Silo:ServiceId"] = serviceId,
            ["LGR:Silo:ClusterId"] = serviceId,
            // The same silo endpoint again: the restarted silo then declares its killed predecessor dead at once.
            ["LGR:Silo:SiloPort"] = FreePort.Next().ToString(),
            ["LGR:Silo:GatewayPort"] = FreePort.Next().ToString(),
            ["LGR:Ingestion:PendingIdleTimeout"] = PendingIdleTimeout.ToString(),
            // No timed write-behind before the crash: only the write that precedes each acknowledgement can save the
            // first silo's work. (With the tests' 100 ms flush, state was written before the lazy XACK anyway, so
            // the test passed even without that write.)
            [$"{GraphOptions.Section}:{nameof(GraphOptions.FlushInterval)}"] = "00:10:00",
        };
        IReadOnlyList<PostedEvent> events = Enumerable.Range(0, EventCount)
            .Select(n => new PostedEvent($"crash-{n}", $"crash-u{n % Users}", $"crash-i{n * 7 % Items}")).ToList();
        PostedEvent[][] batches = events.Chunk(BatchSize).ToArray();
        // Two thirds go to the first silo (those not posted before the kill, too), the rest after the restart.
        var toPost = new ConcurrentQueue<PostedEvent[]>(batches.Take(batches.Length * 2 / 3));
        var retry = new ConcurrentQueue<PostedEvent[]>();
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Add(ApiOptions.KeyHeader, SiloHost.ApiKey);

        await using (SiloProcess first = SiloProcess.Start(url, settings))
        {
            await first.WaitUntilReadyAsync(client);
            int acknowledged = 0;
            Task[] posters = Enumerable.Range(0, Posters).Select(_ => Task.Run(async () =>
            {
                while (toPost.TryDequeue(out PostedEvent[]? batch))
                {
                    if (!await PostedEvents.TryPostAsync(client, batch))
                    {
                        retry.Enqueue(batch); // no 202: the client does not know whether the events were appended
                        return;
                    }
                    Interlocked.Add(ref acknowledged, batch.Length);
                }
            })).ToArray();
            // Mid-ingestion, once the silo has also applied and XACKed some entries: their effect must survive the kill.
            await Eventually.Returns(async () => (Posted: Volatile.Read(ref acknowledged), Log: await ConsumerGroupAsync(serviceId)),
                progress => progress.Posted >= EventCount / 3 && progress.Log.Acknowledged > 0,
                "a third of the events are posted and the silo acknowledged some stream entries", 20);
            // The silo keeps reading: how many entries it has acknowledged and left pending when it dies varies.
            await first.KillAsync();
            await Task.WhenAll(posters);
            output.WriteLine($"Killed after {Volatile.Read(ref acknowledged)} events were posted; the stream entries then: " +
                $"{await ConsumerGroupAsync(serviceId)}; {retry.Count} batches to retry.");
        }

        await using SiloProcess second = SiloProcess.Start(url, settings);
        await second.WaitUntilReadyAsync(client);
        foreach (PostedEvent[] batch in retry.Concat(toPost).Concat(batches.Skip(batches.Length * 2 / 3)))
        {
            Assert.True(await PostedEvents.TryPostAsync(client, batch), $"a batch is accepted after the restart:\n{second.RecentOutput}");
        }

        // Every event was acknowledged once in the end; each user shows each exactly once.
        Dictionary<string, PostedEvent[]> expected = events.GroupBy(e => e.User).ToDictionary(user => user.Key, user => user.ToArray());
        await PostedEvents.WaitUntilAppliedAsync(client, expected, 20);
        await PostedEvents.AssertExactlyOnceAsync(client, expected);
        // Late re-deliveries (a claim pass runs every PendingIdleTimeout) must change nothing.
        await Task.Delay(2 * PendingIdleTimeout);
        await PostedEvents.AssertExactlyOnceAsync(client, expected);
    }

    /// <summary>Stream entries the silo acknowledged (XACK) and those it read but did not, over every partition.</summary>
    private async Task<(long Acknowledged, long Pending)> ConsumerGroupAsync(string serviceId)
    {
        await using IConnectionMultiplexer connection = await redis.ConnectAsync();
        IServer server = connection.GetServer(connection.GetEndPoints().Single());
        long read = 0, pending = 0;
        await foreach (RedisKey key in server.KeysAsync(pattern: $"{serviceId}/streaming/*"))
        {
            foreach (StreamGroupInfo group in await connection.GetDatabase().StreamGroupInfoAsync(key))
            {
                read += group.EntriesRead ?? 0;
                pending += group.PendingMessageCount;
            }
        }
        return (read - pending, pending);
    }
}
