using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
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
        IReadOnlyList<Interaction> events = Enumerable.Range(0, EventCount)
            .Select(n => new Interaction($"crash-{n}", $"crash-u{n % Users}", $"crash-i{n * 7 % Items}")).ToList();
        Interaction[][] batches = events.Chunk(BatchSize).ToArray();
        // Two thirds go to the first silo (those not posted before the kill, too), the rest after the restart.
        var toPost = new ConcurrentQueue<Interaction[]>(batches.Take(batches.Length * 2 / 3));
        var retry = new ConcurrentQueue<Interaction[]>();
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Add(ApiOptions.KeyHeader, SiloHost.ApiKey);

        await using (SiloProcess first = SiloProcess.Start(url, settings))
        {
            await first.WaitUntilReadyAsync(client);
            int acknowledged = 0;
            Task[] posters = Enumerable.Range(0, Posters).Select(_ => Task.Run(async () =>
            {
                while (toPost.TryDequeue(out Interaction[]? batch))
                {
                    if (!await TryPostAsync(client, batch))
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
        foreach (Interaction[] batch in retry.Concat(toPost).Concat(batches.Skip(batches.Length * 2 / 3)))
        {
            Assert.True(await TryPostAsync(client, batch), $"a batch is accepted after the restart:\n{second.RecentOutput}");
        }

        // Every event was acknowledged once in the end; each user shows each exactly once.
        Dictionary<string, Interaction[]> expected = events.GroupBy(e => e.User).ToDictionary(user => user.Key, user => user.ToArray());
        await Eventually.Returns(() => AppliedCountsAsync(client, expected.Keys),
            applied => expected.All(user => applied[user.Key] >= user.Value.Length), "every user has applied all its events", 20);
        await AssertExactlyOnceAsync(client, expected);
        // Late re-deliveries (a claim pass runs every PendingIdleTimeout) must change nothing.
        await Task.Delay(2 * PendingIdleTimeout);
        await AssertExactlyOnceAsync(client, expected);
    }

    private static async Task AssertExactlyOnceAsync(HttpClient client, Dictionary<string, Interaction[]> expected)
    {
        foreach (var (user, sent) in expected)
        {
            NodeProfile profile = (await client.GetFromJsonAsync<NodeProfile>($"/v1/users/{user}"))!;
            Assert.Equal(sent.Length, profile.AppliedEvents);
            var perItem = sent.GroupBy(e => e.Item).ToDictionary(item => item.Key, item => item.Count());
            Assert.Equal(perItem, profile.Neighbours.ToDictionary(n => n.Id, n => n.Interactions));
            Assert.Equal(perItem.Count, profile.Degree);
        }
        // The item side of every edge survived as well (restored by repair links where an item lost it).
        foreach (var item in expected.Values.SelectMany(sent => sent).GroupBy(e => e.Item))
        {
            NodeProfile profile = (await client.GetFromJsonAsync<NodeProfile>($"/v1/items/{item.Key}"))!;
            Assert.Equal(item.Select(e => e.User).Distinct().Order(), profile.Neighbours.Select(n => n.Id).Order());
        }
    }

    private static async Task<Dictionary<string, long>> AppliedCountsAsync(HttpClient client, IEnumerable<string> users)
    {
        var applied = new Dictionary<string, long>();
        foreach (string user in users)
        {
            using HttpResponseMessage response = await client.GetAsync($"/v1/users/{user}");
            applied[user] = response.StatusCode == HttpStatusCode.NotFound ? 0 : (await response.Content.ReadFromJsonAsync<NodeProfile>())!.AppliedEvents;
        }
        return applied;
    }

    /// <returns>True on 202; false when the silo is gone (the request failed or got no answer).</returns>
    private static async Task<bool> TryPostAsync(HttpClient client, Interaction[] batch)
    {
        string body = string.Join('\n', batch.Select(e => EventJson.Record(e.Id, e.User, e.Item)));
        try
        {
            using HttpResponseMessage response = await client.PostAsync("/v1/events", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
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

    private sealed record Interaction(string Id, string User, string Item);
}
