using BenchmarkDotNet.Attributes;
using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Training.Sampling;
using LiveGraphRec.Training.Trainer;

namespace LiveGraphRec.Benchmarks;

/// <summary>
/// One LightGCN optimizer step on the Gowalla graph (3 layers, d = 64, Adam) for each negative sampler,
/// batches drawn beforehand so only the step is timed. Epoch time ≈ step × 396 at batch 2,048.
/// </summary>
public class TrainingStepBenchmark
{
    private GraphTrainer _trainer = null!;
    private TrainingBatch[] _batches = [];
    private int _next;

    [Params(NegativeSamplers.Uniform, NegativeSamplers.MixGcf)]
    public string Sampler { get; set; } = NegativeSamplers.Uniform;

    [Params(2048)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        BipartiteGraph train = GowallaTrainGraph.Load(out _);
        var graphs = new SplitGraphs(train, BipartiteGraph.Build(train.UserCount, train.ItemCount, ReadOnlySpan<Interaction>.Empty));
        var options = new TrainingOptions { Sampler = Sampler, BatchSize = BatchSize, Threads = 2, Device = "cpu" };
        _trainer = new GraphTrainer(graphs, options);
        var sampler = new BprBatchSampler(train, BatchSize, NegativeSamplers.Create(Sampler, options.Candidates, train, options.Seed).CandidatesPerUser, options.Layers + 1, seed: 1);
        _batches = sampler.Epoch(1).Take(32).ToArray();
    }

    [Benchmark]
    public double Step() => _trainer.Step(_batches[_next++ % _batches.Length]).Loss;

    [GlobalCleanup]
    public void Cleanup() => _trainer.Dispose();
}
