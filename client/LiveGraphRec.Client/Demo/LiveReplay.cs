using System.Diagnostics;
using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Diagnostics;
using LiveGraphRec.Client.Http.Models;

namespace LiveGraphRec.Client.Demo;

/// <summary>
/// Replays the held-out events in time order as a live stream of <c>POST /v1/events</c> batches, timing each
/// acknowledgement and one recommendation call per batch, while following one user: after each batch with
/// their events it polls until their recommendations reflect them and records what changed.
/// </summary>
internal sealed class LiveReplay(DemoApi api, Dataset split, int batchSize, int k)
{
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(10);

    public async Task<ReplayReport> RunAsync(int featuredUser, IProgress<int> progress, CancellationToken cancellationToken)
    {
        string featuredId = split.Users[featuredUser];
        var seen = split.Train.Where(e => e.User == featuredUser).Select(e => e.Item).ToHashSet();
        var report = new ReplayReport(featuredId, await TopItemsAsync(featuredId, cancellationToken));
        var sampler = new Random(7);
        var clock = Stopwatch.StartNew();
        for (int start = 0; start < split.Test.Length; start += batchSize)
        {
            var batch = new ArraySegment<Interaction>(split.Test, start, Math.Min(batchSize, split.Test.Length - start));
            report.Acknowledgements.Record(await api.PostEventsAsync(ToEvents(batch, start), cancellationToken));
            long acknowledgedAt = Stopwatch.GetTimestamp();

            string someone = split.Users[batch[sampler.Next(batch.Count)].User];
            report.Recommendations.Record((await api.RecommendAsync(someone, k, cancellationToken)).Latency);

            Interaction[] featured = [.. batch.Where(e => e.User == featuredUser)];
            if (featured.Length > 0)
            {
                string[] before = report.Steps.Count > 0 ? report.Steps[^1].After : report.Initial;
                string[] after = await WaitUntilVisibleAsync(featuredId, featured[^1].Timestamp, acknowledgedAt, report, cancellationToken);
                StepItem[] acted = [.. featured.Select(e => new StepItem(split.Items[e.Item],
                    Array.IndexOf(before, split.Items[e.Item]) + 1, Repeat: !seen.Add(e.Item)))];
                report.Steps.Add(new TimelineStep(DateTimeOffset.FromUnixTimeSeconds(featured[0].Timestamp), acted, after));
            }
            progress.Report(start + batch.Count);
        }
        report.Elapsed = clock.Elapsed;
        return report;
    }

    private EventRecord[] ToEvents(ArraySegment<Interaction> batch, int offset) =>
        [.. batch.Select((e, i) => new EventRecord($"demo-{offset + i}", split.Users[e.User], split.Items[e.Item], "view", e.Weight, e.Timestamp))];

    /// <summary>Polls the user's recommendations until they report the event as applied; records how long that took.</summary>
    private async Task<string[]> WaitUntilVisibleAsync(string user, long timestamp, long acknowledgedAt,
        ReplayReport report, CancellationToken cancellationToken)
    {
        var appliedAt = DateTimeOffset.FromUnixTimeSeconds(timestamp);
        while (true)
        {
            var (result, _) = await api.RecommendAsync(user, k, cancellationToken);
            if (result.LastEventAt >= appliedAt)
            {
                report.Visibility.Record(Stopwatch.GetElapsedTime(acknowledgedAt));
                return Ids(result);
            }
            if (Stopwatch.GetElapsedTime(acknowledgedAt) > VisibilityTimeout)
            {
                throw new TimeoutException($"User {user}'s event of {appliedAt:u} was not applied {VisibilityTimeout.TotalSeconds:0} s after it was acknowledged.");
            }
            await Task.Delay(1, cancellationToken);
        }
    }

    private async Task<string[]> TopItemsAsync(string user, CancellationToken cancellationToken) =>
        Ids((await api.RecommendAsync(user, k, cancellationToken)).Result);

    private static string[] Ids(Recommendations result) => [.. result.Items.Select(item => item.ItemId)];
}

/// <summary>One batch in which the followed user acted: what they did and their list after.</summary>
internal sealed record TimelineStep(DateTimeOffset At, IReadOnlyList<StepItem> Items, string[] After);

/// <summary>An item the followed user acted on: its 1-based rank in their list just before (0: not in it), and
/// whether they had it already (seen items are excluded from recommendations, so a repeat is never a hit).</summary>
internal sealed record StepItem(string Item, int PreviousRank, bool Repeat);

/// <summary>What a replay measured.</summary>
internal sealed class ReplayReport(string featuredUser, string[] initial)
{
    public string FeaturedUser { get; } = featuredUser;
    public string[] Initial { get; } = initial;
    public List<TimelineStep> Steps { get; } = [];
    public LatencyHistogram Acknowledgements { get; } = new();
    public LatencyHistogram Recommendations { get; } = new();
    /// <summary>From the acknowledgement of a batch to the followed user's recommendations reflecting it.</summary>
    public LatencyHistogram Visibility { get; } = new();
    public TimeSpan Elapsed { get; set; }
}
