using System.Diagnostics;
using System.Runtime.InteropServices;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Metrics;
using LiveGraphRec.Core.Models;
using LiveGraphRec.Training.Models;
using LiveGraphRec.Training.Objectives;
using LiveGraphRec.Training.Propagation;
using LiveGraphRec.Training.Runtime;
using LiveGraphRec.Training.Sampling;

namespace LiveGraphRec.Training.Trainer;

/// <summary>
/// Trains a graph recommender with BPR on a split: mini-batches of sampled triples, Adam, evaluation of
/// Recall/NDCG@K on the test edges every few epochs, early stopping on the selection recall, and a
/// checkpoint after every epoch so a later process can resume. Synchronous by design: TorchSharp's
/// dispose scopes are thread-static, so a caller that must not block runs the whole thing on its own thread.
/// </summary>
public sealed class GraphTrainer : IDisposable
{
    private readonly SplitGraphs _graphs;
    private readonly TrainingOptions _options;
    private readonly GraphOperator _graph;
    private readonly IGraphRecommender _model;
    private readonly optim.Optimizer _optimizer;
    private readonly INegativeSampler _negatives;
    private readonly BprBatchSampler _batches;

    /// <param name="initialEgo">Optional warm start: [users + items, d] row-major ego embeddings.</param>
    public GraphTrainer(SplitGraphs graphs, TrainingOptions options, float[]? initialEgo = null)
    {
        options.Validate();
        _graphs = graphs;
        _options = options;
        Device = TorchDevices.Select(options.Device);
        TorchDevices.LimitThreads(options.Threads);
        manual_seed(options.Seed);
        using var generator = new Generator((ulong)options.Seed);
        _graph = new GraphOperator(SymmetricAdjacency.From(graphs.Train), Device, options.Threads);
        using var initial = initialEgo is null ? null : tensor(initialEgo).view(_graph.NodeCount, -1);
        _model = ModelNames.Create(options.Model, _graph, options.Dimension, options.Layers, generator, initial);
        _optimizer = optim.Adam(_model.TrainableParameters, options.LearningRate);
        _negatives = NegativeSamplers.Create(options.Sampler, options.Candidates);
        _batches = new BprBatchSampler(graphs.Train, options.BatchSize, _negatives.CandidatesPerUser, options.Layers + 1, options.Seed);
    }

    public Device Device { get; }
    public int BatchesPerEpoch => _batches.BatchesPerEpoch;

    /// <summary>
    /// Runs until the epoch budget or early stopping. With <paramref name="checkpointPath"/>, the state is
    /// saved after every epoch and, when <paramref name="resume"/> is set and the file exists, loaded first.
    /// <paramref name="onBest"/> receives the final embeddings whenever an evaluation improves.
    /// </summary>
    public TrainingResult Train(string? checkpointPath, bool resume, IProgress<BatchProgress>? batchProgress,
        Action<EpochReport>? onEpoch, Action<EmbeddingFactors, MetricsReport, int>? onBest, CancellationToken cancellationToken)
    {
        var state = new TrainingCheckpoint(_options.Fingerprint, 0, 0, double.NegativeInfinity, 0);
        if (resume && checkpointPath is not null && File.Exists(checkpointPath))
        {
            state = TrainingCheckpoint.Read(checkpointPath, _options.Fingerprint, _model.Ego, _optimizer);
        }
        var clock = Stopwatch.StartNew();
        MetricsReport? bestMetrics = null;
        bool stoppedEarly = false;
        int epoch = state.Epoch;
        while (epoch < _options.Epochs && !stoppedEarly)
        {
            cancellationToken.ThrowIfCancellationRequested();
            epoch++;
            var epochClock = Stopwatch.StartNew();
            var (loss, ranking) = TrainEpoch(epoch, batchProgress, cancellationToken);
            TimeSpan trainTime = epochClock.Elapsed;

            MetricsReport? metrics = null;
            bool isBest = false;
            var evaluationClock = Stopwatch.StartNew();
            if (epoch % _options.EvaluateEvery == 0 || epoch == _options.Epochs)
            {
                EmbeddingFactors factors = FinalEmbeddings();
                metrics = RankingEvaluator.Evaluate(factors, _graphs, _options.Ks, _options.Threads);
                double recall = metrics.At(_options.SelectionK).Recall;
                isBest = recall > state.BestRecall;
                state = isBest
                    ? state with { BestEpoch = epoch, BestRecall = recall, EvaluationsWithoutImprovement = 0 }
                    : state with { EvaluationsWithoutImprovement = state.EvaluationsWithoutImprovement + 1 };
                if (isBest)
                {
                    bestMetrics = metrics;
                    onBest?.Invoke(factors, metrics, epoch);
                }
                stoppedEarly = state.EvaluationsWithoutImprovement >= _options.Patience;
            }
            state = state with { Epoch = epoch };
            if (checkpointPath is not null)
            {
                TrainingCheckpoint.Write(checkpointPath, state, _model.Ego, _optimizer);
            }
            onEpoch?.Invoke(new EpochReport(epoch, loss, ranking, trainTime, metrics, evaluationClock.Elapsed, isBest,
                GC.GetTotalMemory(false), Environment.WorkingSet));
        }
        return new TrainingResult(epoch, state.BestEpoch, bestMetrics, stoppedEarly, clock.Elapsed);
    }

    private (double Loss, double Ranking) TrainEpoch(int epoch, IProgress<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        _model.SetTraining(true);
        double lossSum = 0, rankingSum = 0;
        int batchIndex = 0;
        var clock = Stopwatch.StartNew();
        foreach (TrainingBatch batch in _batches.Epoch(epoch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (loss, ranking) = Step(batch);
            lossSum += loss;
            rankingSum += ranking;
            batchIndex++;
            progress?.Report(new BatchProgress(epoch, batchIndex, _batches.BatchesPerEpoch, lossSum / batchIndex,
                batchIndex / clock.Elapsed.TotalSeconds));
        }
        return (lossSum / batchIndex, rankingSum / batchIndex);
    }

    /// <summary>One optimizer step; every tensor it makes is released when it returns.</summary>
    internal (double Loss, double Ranking) Step(TrainingBatch batch)
    {
        using var scope = NewDisposeScope();
        _optimizer.zero_grad();
        IReadOnlyList<Tensor> layers = _model.PropagateLayers();
        Tensor final = _model.Final(layers);
        Tensor users = tensor(batch.Users, device: Device);
        // Users and positives are gathered together: each gather's backward builds a dense [nodes, d] gradient.
        Tensor userAndPositiveNodes = cat([users, tensor(batch.Positives, device: Device).add_(_model.UserCount)]);
        Tensor[] finalRows = final.index_select(0, userAndPositiveNodes).split(batch.Size);
        Tensor[] egoRows = layers[0].index_select(0, userAndPositiveNodes).split(batch.Size);
        NegativeEmbeddings negatives = _negatives.Select(batch, new ModelView(layers, final, finalRows[0], _model.UserCount, _model.Pool, _options.Threads));
        var (loss, ranking, _) = BprLoss.Compute(finalRows[0], finalRows[1], negatives.Final, egoRows[0], egoRows[1], negatives.Ego, _options.Decay);
        loss.backward();
        _optimizer.step();
        return (loss.item<float>(), ranking.item<float>());
    }

    /// <summary>The current final embeddings, copied to managed row-major arrays.</summary>
    public EmbeddingFactors FinalEmbeddings()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _model.SetTraining(false);
        return ToFactors(_model.Final(_model.PropagateLayers()));
    }

    /// <summary>The current ego embeddings E⁰, copied: what a later warm-started run continues from.</summary>
    public EmbeddingFactors EgoEmbeddings()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return ToFactors(_model.Ego);
    }

    private EmbeddingFactors ToFactors(Tensor nodes)
    {
        Tensor values = nodes.detach().cpu().contiguous();
        int dim = (int)values.shape[1];
        ReadOnlySpan<float> floats = MemoryMarshal.Cast<byte, float>(values.bytes);
        return new EmbeddingFactors(dim,
            floats[..(_model.UserCount * dim)].ToArray(),
            floats[(_model.UserCount * dim)..].ToArray());
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
        _graph.Dispose();
    }
}
