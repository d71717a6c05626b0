using LiveGraphRec.Core.Synthetic;
using LiveGraphRec.Training.Sampling;
using LiveGraphRec.Training.Trainer;
using Xunit.Abstractions;

namespace LiveGraphRec.Prequential.Tests;

public sealed class StreamBenchmarkTests(ITestOutputHelper output)
{
    /// <summary>
    /// A tiny drifting synthetic stream through every arm: the grain arms run in embedded clusters, the retrain
    /// arms retrain on schedule, and the online arm scores differently from the static one — which it could not
    /// if applying events through the grains left the served embeddings as published.
    /// </summary>
    [Fact]
    public async Task EveryArmRunsAndOnlineUpdatesChangeWhatIsServed()
    {
        Dataset data = SyntheticGenerator.Generate(new SyntheticOptions
        {
            Users = 120, Items = 80, Interactions = 3_000, Communities = 4, DriftFraction = 0.6, Seed = 3,
        });
        var stream = EventStream.Split(data, trainFraction: 0.7);
        var options = new StreamBenchOptions
        {
            Training = new TrainingOptions { Dimension = 16, Layers = 2, Epochs = 3, BatchSize = 512, LearningRate = 0.01,
                Sampler = NegativeSamplers.Uniform, Ks = [10], Seed = 5, Threads = 1 },
            Scoring = new PrequentialSettings(K: 10, WindowSize: 200, ColdThreshold: 5),
            RetrainEpochs = 1,
            RetrainEvery = 400,
            BaselineWindow = 1_000,
            // A few hundred grains: short periods keep the settles after the publishes short.
            FlushInterval = TimeSpan.FromMilliseconds(200),
            IndexRefreshInterval = TimeSpan.FromMilliseconds(50),
        };
        var log = new List<string>();

        IReadOnlyList<ArmResult> results = await StreamBenchmark.RunAsync(stream, options, log.Add, progress: null, CancellationToken.None);

        foreach (string line in log.Concat(StreamReport.Claims(results, 10)))
        {
            output.WriteLine(line);
        }
        Assert.Equal(StreamArms.All.Select(StreamArms.NameOf), results.Select(r => r.Arm));
        int scored = results[0].Overall.Events;
        Assert.True(scored > 300, $"only {scored} events were scored");
        Assert.All(results, r => Assert.Equal((scored, stream.Events.Length), (r.Overall.Events, r.Streamed)));
        Assert.All(results, r => Assert.Equal((int)Math.Ceiling(scored / 200.0), r.Windows.Count));
        var byArm = results.ToDictionary(r => r.Arm);
        int expectedRetrains = stream.Events.Length / options.RetrainEvery;
        Assert.Equal(expectedRetrains, byArm["online+retrain"].Retrains);
        Assert.Equal(expectedRetrains, byArm["retrain-only"].Retrains);
        Assert.True(byArm["retrain-only"].RetrainTime > TimeSpan.Zero);
        Assert.Equal(0, byArm["static"].Retrains);
        Assert.True(byArm["static"].Overall.Hits > 0, "the starting model hits nothing: the published embeddings were not served");
        // The grains serve the published model exactly as ranking it in process does (every streamed user is known
        // to it here, so no score ties can reorder a list)...
        Assert.Equal((byArm["static-offline"].Overall.Hits, byArm["static-offline"].Overall.Mrr),
            (byArm["static"].Overall.Hits, byArm["static"].Overall.Mrr));
        // ...so without online updates the online arm would score exactly as static; with them it differs clearly
        // (a new edge moves a trained user by LightGCN's 1/√|N|, so the change is a few points, not tens).
        Assert.True(Math.Abs(byArm["online"].Overall.HitRate - byArm["static"].Overall.HitRate) > 0.005,
            $"online {byArm["online"].Overall.HitRate:0.0000} vs static {byArm["static"].Overall.HitRate:0.0000}");
    }
}
