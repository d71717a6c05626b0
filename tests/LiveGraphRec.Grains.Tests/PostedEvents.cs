using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace LiveGraphRec.Grains.Tests;

/// <summary>One event a process test posts over HTTP.</summary>
internal sealed record PostedEvent(string Id, string User, string Item);

/// <summary>Posting events to silo processes and checking that each acknowledged one took effect exactly once.</summary>
internal static class PostedEvents
{
    /// <returns>True on 202; false when the silo is gone (the request failed or got no answer).</returns>
    public static async Task<bool> TryPostAsync(HttpClient client, PostedEvent[] batch)
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

    public static async Task<Dictionary<string, long>> AppliedCountsAsync(HttpClient client, IEnumerable<string> users)
    {
        var applied = new Dictionary<string, long>();
        foreach (string user in users)
        {
            using HttpResponseMessage response = await client.GetAsync($"/v1/users/{user}");
            applied[user] = response.StatusCode == HttpStatusCode.NotFound ? 0 : (await response.Content.ReadFromJsonAsync<NodeProfile>())!.AppliedEvents;
        }
        return applied;
    }

    /// <summary>Waits until every user has applied at least its events.</summary>
    public static Task WaitUntilAppliedAsync(HttpClient client, IReadOnlyDictionary<string, PostedEvent[]> expected, double timeoutSeconds) =>
        Eventually.Returns(() => AppliedCountsAsync(client, expected.Keys),
            applied => expected.All(user => applied[user.Key] >= user.Value.Length), "every user has applied all its events", timeoutSeconds);

    /// <summary>
    /// Each user shows each of its events exactly once (applied count, interactions per item, degree), and the item
    /// side of every edge is there too.
    /// </summary>
    public static async Task AssertExactlyOnceAsync(HttpClient client, IReadOnlyDictionary<string, PostedEvent[]> expected)
    {
        foreach (var (user, sent) in expected)
        {
            NodeProfile profile = (await client.GetFromJsonAsync<NodeProfile>($"/v1/users/{user}"))!;
            Assert.Equal(sent.Length, profile.AppliedEvents);
            var perItem = sent.GroupBy(e => e.Item).ToDictionary(item => item.Key, item => item.Count());
            Assert.Equal(perItem, profile.Neighbours.ToDictionary(n => n.Id, n => n.Interactions));
            Assert.Equal(perItem.Count, profile.Degree);
        }
        foreach (var item in expected.Values.SelectMany(sent => sent).GroupBy(e => e.Item))
        {
            NodeProfile profile = (await client.GetFromJsonAsync<NodeProfile>($"/v1/items/{item.Key}"))!;
            Assert.Equal(item.Select(e => e.User).Distinct().Order(), profile.Neighbours.Select(n => n.Id).Order());
        }
    }
}
