using LiveGraphRec.Core.Metrics;
using LiveGraphRec.Core.Retrieval.Hashing;
using LiveGraphRec.Training.Hashing;
using LiveGraphRec.Training.Sampling;
using LiveGraphRec.Training.Trainer;
using static TorchSharp.torch;

namespace LiveGraphRec.Training.Tests;

public sealed class HashTrainingTests
{
    [Fact]
    public void TrainedCodesRetrieveFarBetterThanRandomCodes()
    {
        var graphs = TinyGraphs.Synthetic();
        var options = new TrainingOptions
        {
            Sampler = NegativeSamplers.Uniform, Dimension = 16, Layers = 2, Epochs = 8, BatchSize = 256, LearningRate = 0.01,
            EvaluateEvery = 8, Threads = 1, Device = "cpu", Seed = 11, HashBits = 64,
        };
        using var trainer = new GraphTrainer(graphs, options);
        trainer.Train(null, false, null, null, null, CancellationToken.None);
        var factors = trainer.FinalEmbeddings();
        var (users, items) = trainer.HashCodes(factors)!.Value;

        HashRetrievalReport trained = HashRetrievalEvaluator.Evaluate(users, items, factors, graphs, [20], candidates: 50);

        var random = new Random(3);
        BinaryCodes Random(int rows) => new(rows, 64, [.. Enumerable.Range(0, rows).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63))]);
        HashRetrievalReport chance = HashRetrievalEvaluator.Evaluate(Random(users.Rows), Random(items.Rows), factors, graphs, [20], candidates: 50);
        double hamming = trained.Hamming.At(20).Recall, baseline = chance.Hamming.At(20).Recall;
        Assert.True(hamming > 2 * baseline, $"Hamming recall {hamming:0.000} vs random codes {baseline:0.000}");
        Assert.True(trained.Hierarchical.At(20).Recall > 2 * baseline, $"hierarchical recall {trained.Hierarchical.At(20).Recall:0.000}");
    }

    /// <summary>
    /// The hash layer's initial weights come from the generator it is given, whatever libtorch's global generator (which
    /// every trainer in the process seeds and draws from, tests in parallel included) is doing meanwhile.
    /// </summary>
    [Fact]
    public void TheInitialWeightsComeFromTheGivenGenerator()
    {
        float[] Weights(long globalSeed)
        {
            manual_seed(globalSeed);
            using var generator = new Generator(7);
            using var layer = new HashLayer(16, 64, continuousRate: 0.5, CPU, generator);
            return [.. layer.parameters().SelectMany(parameter => parameter.data<float>().ToArray())];
        }

        float[] first = Weights(1), second = Weights(2);
        Assert.Equal(first, second);
        Assert.All(first, weight => Assert.InRange(weight, -0.25f, 0.25f)); // ±1/√16
        Assert.True(first.Distinct().Count() > first.Length / 2, "the weights are drawn, not constant");
    }
}
