using System.Diagnostics;

namespace LiveGraphRec.Prequential;

/// <summary>Runs one system through the stream, test then learn: for each event, score the user's top K, then learn the event.</summary>
public static class PrequentialRun
{
    public static async Task<ArmResult> RunAsync(string arm, IStreamRecommender system, EventStream stream, PrequentialSettings settings,
        IProgress<ArmProgress>? progress, CancellationToken cancellationToken)
    {
        var setupClock = Stopwatch.StartNew();
        await system.PrepareAsync(stream, cancellationToken);
        TimeSpan setup = setupClock.Elapsed;

        var history = new StreamHistory(stream.UserCount);
        foreach (Interaction interaction in stream.Prefix)
        {
            history.Add(interaction);
        }
        var scorer = new PrequentialScorer(settings.K, settings.WindowSize, settings.ColdThreshold);
        int skipped = 0;
        using var process = Process.GetCurrentProcess();
        TimeSpan cpuAtStart = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (int n = 0; n < stream.Events.Length; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Interaction interaction = stream.Events[n];
            if (history.HasSeen(interaction.User, interaction.Item))
            {
                skipped++;
            }
            else
            {
                IReadOnlyList<int> top = await system.RecommendAsync(interaction.User, settings.K, history, cancellationToken);
                scorer.Record(scorer.RankOf(interaction.Item, top), history.EventsOf(interaction.User));
            }
            await system.LearnAsync(interaction, cancellationToken);
            history.Add(interaction);
            if ((n + 1) % settings.WindowSize == 0 || n + 1 == stream.Events.Length)
            {
                progress?.Report(new ArmProgress(arm, n + 1, stream.Events.Length, scorer.Overall,
                    scorer.Windows.Count > 0 ? scorer.Windows[^1] : default, (n + 1) / clock.Elapsed.TotalSeconds));
            }
        }
        TimeSpan streamTime = clock.Elapsed;
        process.Refresh();
        return new ArmResult(arm, scorer.Overall, scorer.Cold, scorer.Windows, stream.Events.Length, skipped, setup, streamTime,
            process.TotalProcessorTime - cpuAtStart, system.RetrainTime, system.Retrains);
    }
}

/// <param name="K">Cutoff of HitRate@K and MRR@K.</param>
/// <param name="WindowSize">Scored events per reported window.</param>
/// <param name="ColdThreshold">Users with fewer events than this before the query form the cold-start slice.</param>
public sealed record PrequentialSettings(int K = 20, int WindowSize = 1_000, int ColdThreshold = 5);
