using System.Globalization;
using System.Text;

namespace LiveGraphRec.Prequential;

/// <summary>The markdown that <c>lgr bench stream</c> writes: the run's settings, one row per arm, the claims checked, the windows.</summary>
public static class StreamReport
{
    /// <param name="command">The command line that produced the run, for the record.</param>
    public static string ToMarkdown(EventStream stream, StreamBenchOptions options, IReadOnlyList<ArmResult> results, string command, DateTimeOffset at)
    {
        int k = options.Scoring.K;
        var md = new StringBuilder();
        Line(md, $"### Prequential stream: {stream.Dataset.Name}");
        Line(md, "");
        Line(md, $"`{command}` — seed {options.Training.Seed}, {at:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} logical CPUs.");
        Line(md, "");
        Line(md, $"{stream.UserCount:N0} users, {stream.ItemCount:N0} items; the first {options.TrainFraction:P0} of the events by time " +
            $"({stream.Prefix.Length:N0}) train the starting model ({options.Training.Model} + {options.Training.Sampler}, d = {options.Training.Dimension}, " +
            $"{options.Training.Layers} layer{(options.Training.Layers == 1 ? "" : "s")}, {options.Training.Epochs} epochs, lr {options.Training.LearningRate}), the other {stream.Events.Length:N0} are the stream. " +
            $"Retrain arms: a trainer grain run of {options.RetrainEpochs} warm-started epochs every {options.RetrainEvery:N0} events, the newest {options.RetrainHoldout:P0} of the log held out for its gate. Baselines: window of {options.BaselineWindow:N0} events. " +
            $"Cold: users with fewer than {options.Scoring.ColdThreshold} events before the query. Grain cluster: flush {options.FlushInterval.TotalMilliseconds:0} ms, " +
            $"index refresh {options.IndexRefreshInterval.TotalMilliseconds:0} ms, correction fan-out {options.CorrectionFanOut} (threshold {options.CorrectionThreshold}), max neighbours {options.MaxNeighbours:N0}, trained-degree weight {options.TrainedDegreeWeight}, online layers {(options.OnlineLayers == 0 ? "all" : options.OnlineLayers)}.");
        Line(md, "");
        Line(md, $"| arm | HitRate@{k} | MRR@{k} | cold HitRate@{k} | cold MRR@{k} | scored (cold) | events/s | stream s | CPU s | retrains | retrain s | setup s |");
        Line(md, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (ArmResult r in results)
        {
            Line(md, $"| {r.Arm} | {r.Overall.HitRate:0.0000} | {r.Overall.Mrr:0.0000} | {r.Cold.HitRate:0.0000} | {r.Cold.Mrr:0.0000} | " +
                $"{r.Overall.Events:N0} ({r.Cold.Events:N0}) | {r.EventsPerSecond:N0} | {r.StreamTime.TotalSeconds:0.0} | {r.CpuTime.TotalSeconds:0.0} | " +
                $"{r.Retrains} | {r.RetrainTime.TotalSeconds:0.0} | {r.SetupTime.TotalSeconds:0.0} |");
        }
        Line(md, "");
        int skipped = results.Count > 0 ? results[0].Skipped : 0;
        Line(md, $"{skipped:N0} streamed events repeat an item the user already had; seen items are excluded, so they are learned but not scored.");
        Line(md, "");
        foreach (string claim in Claims(results, k))
        {
            Line(md, $"- {claim}");
        }
        Line(md, "");
        Line(md, $"HitRate@{k} per window of {options.Scoring.WindowSize:N0} scored events:");
        Line(md, "");
        Line(md, "| window | " + string.Join(" | ", results.Select(r => r.Arm)) + " |");
        Line(md, "|---:|" + string.Concat(results.Select(_ => "---:|")));
        int windows = results.Count == 0 ? 0 : results.Max(r => r.Windows.Count);
        for (int w = 0; w < windows; w++)
        {
            Line(md, $"| {w + 1} | " + string.Join(" | ", results.Select(r => w < r.Windows.Count ? Format(r.Windows[w].HitRate) : "")) + " |");
        }
        return md.ToString();
    }

    /// <summary>The issue's claims, each stated as measured (held or not) for the arms that ran.</summary>
    public static IEnumerable<string> Claims(IReadOnlyList<ArmResult> results, int k)
    {
        ArmResult? Arm(StreamArm arm) => results.FirstOrDefault(r => r.Arm == StreamArms.NameOf(arm));
        string Compare(ArmResult a, ArmResult b, bool orEqual)
        {
            double delta = a.Overall.HitRate - b.Overall.HitRate;
            bool holds = orEqual ? delta >= 0 : delta > 0;
            return $"{a.Arm} {(holds ? (delta > 0 ? "beats" : "matches") : "does NOT beat")} {b.Arm} on HitRate@{k}: " +
                $"{Format(a.Overall.HitRate)} vs {Format(b.Overall.HitRate)} ({(delta >= 0 ? "+" : "")}{Format(delta)})";
        }
        if (Arm(StreamArm.Online) is { } online)
        {
            foreach (StreamArm other in new[] { StreamArm.Static, StreamArm.Popularity, StreamArm.CoOccurrence })
            {
                if (Arm(other) is { } b)
                {
                    yield return Compare(online, b, orEqual: false);
                }
            }
        }
        if (Arm(StreamArm.OnlineRetrain) is { } both && Arm(StreamArm.RetrainOnly) is { } retrainOnly)
        {
            yield return Compare(both, retrainOnly, orEqual: true);
        }
    }

    private static string Format(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder md, string text) => md.Append(text).Append('\n');
}
