using System.Diagnostics;
using System.Globalization;
using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Models;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Synthetic;
using LiveGraphRec.Training.Masks;
using LiveGraphRec.Training.Models;
using LiveGraphRec.Training.Runtime;
using LiveGraphRec.Training.Trainer;
using static TorchSharp.torch;

// Usage: DeviceCheck [DATA [EPOCHS [SAMPLER [NEGATIVES [AVERAGE]]]]] — without DATA, or with EPOCHS 0, only the synthetic comparisons run;
// the real run uses the paper's settings (d = 64, 3 layers, batch 2,048, lr 0.001, seed 42) with MixGCF's K and averaging β.
string? data = args.ElementAtOrDefault(0);
int epochs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
string sampler = args.ElementAtOrDefault(2) ?? "mixgcf";
int negatives = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
double average = args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 0;

Device device = TorchDevices.Select();
Console.WriteLine($"TorchSharp sees CUDA: {cuda.is_available()} ({(cuda.is_available() ? cuda.device_count() : 0)} devices); chosen device: {device}");

// The same start on the CPU and on the chosen device, for LightGCN and for S-LightGCN (whose masks are sampled and
// normalized on the device): propagation must agree to float precision, and one epoch of training (same batches and
// mask draws, drawn on the CPU) must reach the same mean loss and quality.
var synthetic = SplitGraphs.Build(DatasetSplitter.RandomHoldout(SyntheticGenerator.Generate(new SyntheticOptions
{
    Users = 2_000, Items = 1_000, Interactions = 60_000, Communities = 10, Seed = 3,
}), 0.2, 3));
var start = new Random(1);
float[] ego = [.. Enumerable.Range(0, (synthetic.Train.UserCount + synthetic.Train.ItemCount) * 64).Select(_ => (float)(start.NextDouble() - 0.5) * 0.2f)];
// Mask logits at 100× the rate and a low-rank term, so the S-LightGCN epoch drops edges and runs every mask path.
TrainingOptions Small(string model, string on) => new()
{
    Model = model, Sampler = sampler, Epochs = 1, Device = on, Threads = Environment.ProcessorCount, Seed = 5,
    Masks = new MaskOptions(LowRank: 1e-3, LearningRateScale: 100),
};
bool failed = false;
foreach (string model in new[] { ModelNames.LightGcn, ModelNames.StochasticLightGcn })
{
    double maxDifference = 0;
    var losses = new List<double>();
    EmbeddingFactors? cpuFinal = null;
    foreach (string on in new[] { "cpu", device.ToString() })
    {
        using var trainer = new GraphTrainer(synthetic, Small(model, on), ego);
        EmbeddingFactors final = trainer.FinalEmbeddings();
        if (cpuFinal is null)
        {
            cpuFinal = final;
        }
        else
        {
            maxDifference = cpuFinal.UserVectors.Zip(final.UserVectors).Concat(cpuFinal.ItemVectors.Zip(final.ItemVectors))
                .Max(pair => Math.Abs(pair.First - pair.Second));
        }
        var clock = Stopwatch.StartNew();
        EpochReport? last = null;
        TrainingResult result = trainer.Train(null, false, null, report => last = report, null, CancellationToken.None);
        losses.Add(last!.MeanLoss);
        Console.WriteLine($"{model} on {on}: one epoch in {clock.Elapsed.TotalSeconds:0.0} s, mean loss {last.MeanLoss:0.000000}, " +
            $"Recall@20 {result.BestMetrics!.At(20).Recall:0.0000}" + (last.MaskKeptShare is { } kept ? $", masks keep {kept:P1} of edges" : ""));
    }
    double lossGap = Math.Abs(losses[0] - losses[1]) / losses[0];
    Console.WriteLine($"{model}: propagation before training, largest |cpu − {device}| over every final embedding entry {maxDifference:E2}; " +
        $"relative gap of the epoch's mean loss {lossGap:E2}");
    if (maxDifference > 1e-4 || lossGap > 1e-3)
    {
        Console.Error.WriteLine($"FAIL: {model} on the device differs from the CPU.");
        failed = true;
    }
}
if (failed)
{
    return 1;
}

if (data is not null && epochs > 0)
{
    var graphs = SplitGraphs.Build(DatasetLoader.Load(data, DatasetLoadOptions.Default));
    var options = new TrainingOptions
    {
        Sampler = sampler, Negatives = negatives, AverageDecay = average, Epochs = epochs, Patience = epochs,
        Threads = Environment.ProcessorCount, Seed = 42,
    };
    using var trainer = new GraphTrainer(graphs, options);
    Console.WriteLine($"{data}: {graphs.Train.EdgeCount:N0} training edges, {trainer.BatchesPerEpoch} batches of 2,048 per epoch on {trainer.Device}, {options.FingerprintThrough(0)}");
    var clock = Stopwatch.StartNew();
    trainer.Train(null, false, null, report => Console.WriteLine(
        $"epoch {report.Epoch} at {clock.Elapsed.TotalMinutes:0.0} min: train {report.TrainTime.TotalSeconds:0.0} s, loss {report.MeanLoss:0.0000}, " +
        $"Recall@20 {report.Metrics?.At(20).Recall:0.00000} NDCG@20 {report.Metrics?.At(20).Ndcg:0.00000} (eval {report.EvaluationTime.TotalSeconds:0.0} s)" +
        (report.LastIterateMetrics is { } last ? $", last iterate {last.At(20).Recall:0.00000} / {last.At(20).Ndcg:0.00000}" : "")),
        null, CancellationToken.None);
}
return 0;
