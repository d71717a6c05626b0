using LiveGraphRec.Core.Metrics;
using LiveGraphRec.Core.Models;
using LiveGraphRec.Training.Models;
using LiveGraphRec.Training.Sampling;
using LiveGraphRec.Training.Trainer;

namespace LiveGraphRec.Training.Tests;

public sealed class GraphTrainerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lgr-train-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static TrainingOptions Options(string sampler, int epochs, string model = ModelNames.LightGcn, int negatives = 1) => new()
    {
        Model = model, Sampler = sampler, Candidates = 8, Negatives = negatives, Dimension = 16, Layers = 2, Epochs = epochs, BatchSize = 256,
        LearningRate = 0.01, EvaluateEvery = 1, Patience = 100, Threads = 1, Device = "cpu", Seed = 11,
    };

    [Theory]
    [InlineData(ModelNames.LightGcn, NegativeSamplers.Uniform)]
    [InlineData(ModelNames.LightGcn, NegativeSamplers.MixGcf)]
    [InlineData(ModelNames.Ngcf, NegativeSamplers.MixGcf)]
    [InlineData(ModelNames.StochasticLightGcn, NegativeSamplers.Uniform)]
    [InlineData(ModelNames.LightGcn, NegativeSamplers.PinSage)]
    [InlineData(ModelNames.LightGcn, NegativeSamplers.MixGcf, 3)]
    [InlineData(ModelNames.LightGcn, NegativeSamplers.Uniform, 4)]
    public void TrainingLiftsRecallFarAbovePopularity(string model, string sampler, int negatives = 1)
    {
        var graphs = TinyGraphs.Synthetic();
        using var trainer = new GraphTrainer(graphs, Options(sampler, epochs: 8, model, negatives));
        double before = RankingEvaluator.Evaluate(trainer.FinalEmbeddings(), graphs, [20]).At(20).Recall;

        TrainingResult result = trainer.Train(null, false, null, null, null, CancellationToken.None);

        double popularity = RankingEvaluator.Evaluate(PopularityModel.Fit(graphs.Train), graphs, [20]).At(20).Recall;
        double trained = result.BestMetrics!.At(20).Recall;
        Assert.True(trained > 1.5 * popularity, $"trained {trained:0.000} vs popularity {popularity:0.000}");
        Assert.True(trained > 2 * before, $"trained {trained:0.000} vs untrained {before:0.000}");
    }

    [Fact]
    public void AWarmStartBeginsFromTheGivenEgoEmbeddingsAndTheTrainerReturnsThem()
    {
        var graphs = TinyGraphs.Synthetic();
        int nodes = graphs.Train.UserCount + graphs.Train.ItemCount;
        float[] initial = Enumerable.Range(0, nodes * 16).Select(n => (n % 7 - 3) * 0.01f).ToArray();
        using var trainer = new GraphTrainer(graphs, Options(NegativeSamplers.Uniform, epochs: 1), initial);

        EmbeddingFactors ego = trainer.EgoEmbeddings();
        Assert.Equal(initial, ego.UserVectors.Concat(ego.ItemVectors));
        trainer.Train(null, false, null, null, null, CancellationToken.None);
        EmbeddingFactors trained = trainer.EgoEmbeddings();
        Assert.NotEqual(initial, trained.UserVectors.Concat(trained.ItemVectors));
        Assert.Equal((graphs.Train.UserCount, graphs.Train.ItemCount), (trained.UserCount, trained.ItemCount));
    }

    [Fact]
    public void ASeededRunIsReproducible()
    {
        var graphs = TinyGraphs.Synthetic();
        float[] Run()
        {
            using var trainer = new GraphTrainer(graphs, Options(NegativeSamplers.MixGcf, epochs: 2));
            trainer.Train(null, false, null, null, null, CancellationToken.None);
            return trainer.FinalEmbeddings().ItemVectors;
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void AWarmStartFromTheEgoEmbeddingsContinuesTheTrainedModel()
    {
        var graphs = TinyGraphs.Synthetic();
        using var trained = new GraphTrainer(graphs, Options(NegativeSamplers.Uniform, epochs: 2));
        trained.Train(null, false, null, null, null, CancellationToken.None);

        EmbeddingFactors ego = trained.EgoEmbeddings();
        using var warm = new GraphTrainer(graphs, Options(NegativeSamplers.Uniform, epochs: 2), [.. ego.UserVectors, .. ego.ItemVectors]);

        Assert.Equal(trained.FinalEmbeddings().UserVectors, warm.FinalEmbeddings().UserVectors);
        Assert.Equal(trained.FinalEmbeddings().ItemVectors, warm.FinalEmbeddings().ItemVectors);
        using var cold = new GraphTrainer(graphs, Options(NegativeSamplers.Uniform, epochs: 2));
        Assert.NotEqual(trained.FinalEmbeddings().UserVectors, cold.FinalEmbeddings().UserVectors);
    }

    [Theory]
    [InlineData(ModelNames.LightGcn, NegativeSamplers.Dynamic, 0, 0.0)]
    [InlineData(ModelNames.Ngcf, NegativeSamplers.Uniform, 0, 0.0)]
    [InlineData(ModelNames.StochasticLightGcn, NegativeSamplers.PinSage, 64, 0.0)]
    [InlineData(ModelNames.LightGcn, NegativeSamplers.Uniform, 0, 0.9)]
    public void AResumedRunEndsWhereAnUninterruptedOneDoes(string model, string sampler, int hashBits, double averageDecay)
    {
        var graphs = TinyGraphs.Synthetic();
        string checkpoint = Path.Combine(_folder, "run.ckpt");
        TrainingOptions Settings(int epochs) => Options(sampler, epochs, model) with { HashBits = hashBits, AverageDecay = averageDecay };
        float[] uninterrupted;
        using (var trainer = new GraphTrainer(graphs, Settings(3)))
        {
            trainer.Train(null, false, null, null, null, CancellationToken.None);
            uninterrupted = trainer.FinalEmbeddings().UserVectors;
        }

        using (var first = new GraphTrainer(graphs, Settings(2)))
        {
            first.Train(checkpoint, false, null, null, null, CancellationToken.None);
        }
        using var second = new GraphTrainer(graphs, Settings(3));
        var epochs = new List<int>();
        second.Train(checkpoint, resume: true, null, report => epochs.Add(report.Epoch), null, CancellationToken.None);

        Assert.Equal([3], epochs);
        Assert.Equal(uninterrupted, second.FinalEmbeddings().UserVectors);
    }

    [Fact]
    public void AveragingChangesWhatIsEvaluatedAndExportedNotHowTheModelTrains()
    {
        var graphs = TinyGraphs.Synthetic();
        (EmbeddingFactors Ego, EmbeddingFactors Final, List<EpochReport> Reports) Run(double averageDecay)
        {
            using var trainer = new GraphTrainer(graphs, Options(NegativeSamplers.Uniform, epochs: 2) with { AverageDecay = averageDecay });
            var reports = new List<EpochReport>();
            trainer.Train(null, false, null, reports.Add, null, CancellationToken.None);
            return (trainer.EgoEmbeddings(), trainer.FinalEmbeddings(), reports);
        }

        var plain = Run(0);
        var averaged = Run(0.9);

        Assert.Equal(plain.Ego.UserVectors, averaged.Ego.UserVectors);
        Assert.NotEqual(plain.Final.UserVectors, averaged.Final.UserVectors);
        Assert.All(plain.Reports, report => Assert.Null(report.LastIterateMetrics));
        Assert.Equal(plain.Reports.Select(r => r.Metrics!.At(20).Recall), averaged.Reports.Select(r => r.LastIterateMetrics!.At(20).Recall));
    }

    [Fact]
    public void ResumingWithOtherSettingsIsRefused()
    {
        var graphs = TinyGraphs.Synthetic();
        string checkpoint = Path.Combine(_folder, "run.ckpt");
        using (var first = new GraphTrainer(graphs, Options(NegativeSamplers.Uniform, epochs: 1)))
        {
            first.Train(checkpoint, false, null, null, null, CancellationToken.None);
        }
        using var other = new GraphTrainer(graphs, Options(NegativeSamplers.Uniform, epochs: 2) with { LearningRate = 0.5 });

        var error = Assert.Throws<InvalidDataException>(() => other.Train(checkpoint, true, null, null, null, CancellationToken.None));
        Assert.Contains("other settings", error.Message);
    }

    [Fact]
    public void AScheduleExtendedPastTheCheckpointResumesIntoTheScheduledRun()
    {
        var graphs = TinyGraphs.Synthetic();
        string checkpoint = Path.Combine(_folder, "run.ckpt");
        TrainingOptions scheduled = Options(NegativeSamplers.Uniform, epochs: 3) with { LearningRateMilestones = [2], LearningRateGamma = 0.1 };
        float[] uninterrupted;
        using (var trainer = new GraphTrainer(graphs, scheduled))
        {
            trainer.Train(null, false, null, null, null, CancellationToken.None);
            uninterrupted = trainer.FinalEmbeddings().UserVectors;
        }
        float[] constantRate;
        using (var trainer = new GraphTrainer(graphs, scheduled with { LearningRateMilestones = [] }))
        {
            trainer.Train(null, false, null, null, null, CancellationToken.None);
            constantRate = trainer.FinalEmbeddings().UserVectors;
        }

        using (var first = new GraphTrainer(graphs, scheduled with { Epochs = 2, LearningRateMilestones = [] }))
        {
            first.Train(checkpoint, false, null, null, null, CancellationToken.None);
        }
        using var second = new GraphTrainer(graphs, scheduled);
        second.Train(checkpoint, resume: true, null, null, null, CancellationToken.None);

        Assert.Equal(uninterrupted, second.FinalEmbeddings().UserVectors);
        Assert.NotEqual(constantRate, uninterrupted);
    }

    [Fact]
    public void AMilestoneInsideTheCheckpointedEpochsIsRefused()
    {
        var graphs = TinyGraphs.Synthetic();
        string checkpoint = Path.Combine(_folder, "run.ckpt");
        using (var first = new GraphTrainer(graphs, Options(NegativeSamplers.Uniform, epochs: 2)))
        {
            first.Train(checkpoint, false, null, null, null, CancellationToken.None);
        }
        using var other = new GraphTrainer(graphs, Options(NegativeSamplers.Uniform, epochs: 3) with { LearningRateMilestones = [1] });

        var error = Assert.Throws<InvalidDataException>(() => other.Train(checkpoint, true, null, null, null, CancellationToken.None));
        Assert.Contains("lr-milestones=1", error.Message);
    }

    [Theory]
    [InlineData(1, 0.01)]
    [InlineData(2, 0.01)]
    [InlineData(3, 0.001)]
    [InlineData(5, 0.0001)]
    public void TheStepDecayMultipliesTheRateAfterEachMilestone(int epoch, double expected)
    {
        TrainingOptions options = Options(NegativeSamplers.Uniform, epochs: 5) with { LearningRateMilestones = [2, 4], LearningRateGamma = 0.1 };

        Assert.Equal(expected, options.LearningRateAt(epoch), 12);
    }
}
