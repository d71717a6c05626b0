using System.Diagnostics;
using System.Runtime.InteropServices;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Metrics;
using LiveGraphRec.Core.Models;
using LiveGraphRec.Core.Retrieval.Hashing;
using LiveGraphRec.Training.Hashing;
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
    private readonly HashLayer? _hash;
    private readonly Generator _hashGenerator;
    /// <summary>Every tensor the optimizer updates, in a fixed order (checkpointed).</summary>
    private readonly List<TorchSharp.Modules.Parameter> _parameters;
    /// <summary>The averaged parameters evaluated and exported instead of the last iterate; null when off.</summary>
    private readonly ParameterAverage? _average;

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
        _model = ModelNames.Create(options.Model, _graph, options.Dimension, options.Layers, generator, initial, options.Masks);
        _hash = options.HashBits > 0 ? new HashLayer(_model.Dimension, options.HashBits, options.HashContinuousRate, Device, generator) : null;
        // On the device the codes are relaxed on: a CPU generator cannot draw a CUDA tensor.
        _hashGenerator = new Generator((ulong)options.Seed + 1, Device);
        _parameters = [.. _model.TrainableParameters, .. _hash?.parameters() ?? []];
        _optimizer = optim.Adam(ParameterGroups(), options.LearningRate);
        _average = options.AverageDecay > 0 ? new ParameterAverage(_parameters, options.AverageDecay) : null;
        _negatives = NegativeSamplers.Create(options.Sampler, options.Candidates, graphs.Train, options.Seed, options.HardNegatives, options.Negatives);
        _batches = new BprBatchSampler(graphs.Train, options.BatchSize, _negatives.CandidatesPerUser, (options.Layers + 1) * options.Negatives,
            options.Seed, options.Triples);
    }

    public Device Device { get; }
    private bool KPair => _options.Negatives > 1;
    public int BatchesPerEpoch => _batches.BatchesPerEpoch;

    /// <summary>
    /// Runs until the epoch budget or early stopping. With <paramref name="checkpointPath"/>, the state is
    /// saved after every epoch and, when <paramref name="resume"/> is set and the file exists, loaded first.
    /// <paramref name="onBest"/> receives the final embeddings whenever an evaluation improves.
    /// </summary>
    public TrainingResult Train(string? checkpointPath, bool resume, IProgress<BatchProgress>? batchProgress,
        Action<EpochReport>? onEpoch, Action<EmbeddingFactors, MetricsReport, int>? onBest, CancellationToken cancellationToken)
    {
        var state = new TrainingCheckpoint(_options.FingerprintThrough(0), 0, 0, double.NegativeInfinity, 0);
        if (resume && checkpointPath is not null && File.Exists(checkpointPath))
        {
            state = TrainingCheckpoint.Read(checkpointPath, _options.FingerprintThrough, CheckpointedTensors, _optimizer);
        }
        var clock = Stopwatch.StartNew();
        MetricsReport? bestMetrics = null;
        bool stoppedEarly = false;
        int epoch = state.Epoch;
        while (epoch < _options.Epochs && !stoppedEarly)
        {
            cancellationToken.ThrowIfCancellationRequested();
            epoch++;
            SetLearningRate(_options.LearningRateAt(epoch));
            var epochClock = Stopwatch.StartNew();
            var (loss, ranking) = TrainEpoch(epoch, batchProgress, cancellationToken);
            TimeSpan trainTime = epochClock.Elapsed;

            MetricsReport? metrics = null, lastIterateMetrics = null;
            bool isBest = false;
            var evaluationClock = Stopwatch.StartNew();
            if (epoch % _options.EvaluateEvery == 0 || epoch == _options.Epochs)
            {
                if (_average is not null)
                {
                    // The last iterate too, so a run shows what the averaging gained.
                    lastIterateMetrics = RankingEvaluator.Evaluate(ModelFinalEmbeddings(), _graphs, _options.Ks, _options.Threads);
                }
                using var averaged = _average?.SwappedIn();
                EmbeddingFactors factors = ModelFinalEmbeddings();
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
            state = state with { Epoch = epoch, Fingerprint = _options.FingerprintThrough(epoch) };
            if (checkpointPath is not null)
            {
                TrainingCheckpoint.Write(checkpointPath, state, CheckpointedTensors, _optimizer);
            }
            onEpoch?.Invoke(new EpochReport(epoch, loss, ranking, trainTime, metrics, evaluationClock.Elapsed, isBest,
                GC.GetTotalMemory(false), Environment.WorkingSet) { LastIterateMetrics = lastIterateMetrics, MaskKeptShare = (_model as StochasticMaskLightGcn)?.KeptShare() });
        }
        return new TrainingResult(epoch, state.BestEpoch, bestMetrics, stoppedEarly, clock.Elapsed);
    }

    /// <summary>S-LightGCN's mask logits as they stand (see <see cref="StochasticMaskLightGcn.CopyLogits"/>); null for other models.</summary>
    public float[]? MaskLogits() => (_model as StochasticMaskLightGcn)?.CopyLogits();

    /// <summary>One Adam group for every parameter but SGCN's mask logits, which learn at their own rate when scaled.</summary>
    private IEnumerable<TorchSharp.Modules.Adam.ParamGroup> ParameterGroups()
    {
        TorchSharp.Modules.Parameter? masks = (_model as StochasticMaskLightGcn)?.MaskLogits;
        if (masks is null || _options.Masks.LearningRateScale == 1)
        {
            return [new(_parameters, _options.LearningRate)];
        }
        return
        [
            new(_parameters.Where(parameter => !ReferenceEquals(parameter, masks)), _options.LearningRate),
            new([masks], _options.LearningRate * _options.Masks.LearningRateScale),
        ];
    }

    /// <summary>Set every epoch, after a checkpoint's optimizer state (which carries its own rate) has been loaded.</summary>
    private void SetLearningRate(double rate)
    {
        var groups = _optimizer.ParamGroups.ToList();
        for (int n = 0; n < groups.Count; n++)
        {
            // The second group, when there is one, is the mask logits'.
            groups[n].LearningRate = n == 0 ? rate : rate * _options.Masks.LearningRateScale;
        }
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
        // Random draws inside the step (masks, code relaxation) are seeded per batch, so a resumed run draws
        // exactly what an uninterrupted one would.
        int seed = unchecked(_options.Seed * 1_000_003 + batch.Epoch * 10_007 + batch.Index);
        _hashGenerator.manual_seed((uint)seed);
        _model.SeedStepDraws(seed);
        Tensor objective, loss, ranking;
        if (_model is StochasticMaskLightGcn masked)
        {
            (objective, loss, ranking) = masked.ArmObjective(seed, layers => BatchLoss(batch, layers));
        }
        else
        {
            (loss, ranking) = BatchLoss(batch, _model.PropagateLayers());
            objective = loss;
        }
        objective.backward();
        _optimizer.step();
        _average?.Update();
        return (loss.item<float>(), ranking.item<float>());
    }

    /// <summary>BPR (plus the code-score BPR when hashing) of a batch on given per-layer representations.</summary>
    private (Tensor Loss, Tensor Ranking) BatchLoss(TrainingBatch batch, IReadOnlyList<Tensor> layers)
    {
        Tensor final = _model.Final(layers);
        Tensor users = tensor(batch.Users, device: Device);
        // Users and positives are gathered together: each gather's backward builds a dense [nodes, d] gradient.
        Tensor userAndPositiveNodes = cat([users, NodeIndex.OfItems(batch.Positives, _model.UserCount, Device)]);
        Tensor[] finalRows = final.index_select(0, userAndPositiveNodes).split(batch.Size);
        Tensor[] egoRows = layers[0].index_select(0, userAndPositiveNodes).split(batch.Size);
        NegativeEmbeddings negatives = _negatives.Select(batch, new ModelView(layers, final, finalRows[0], _model.UserCount, _model.Pool, _options.Threads));
        var (loss, ranking, _) = BprLoss.Compute(finalRows[0], finalRows[1], negatives.Final, egoRows[0], egoRows[1], negatives.Ego,
            _options.Decay, negatives.SharedFinal, negatives.SharedEgo, KPair);
        if (_hash is not null)
        {
            using Scalar weight = _options.HashWeight.ToScalar();
            loss = loss.Plus(HashRanking(finalRows[0], finalRows[1], negatives).mul(weight));
        }
        return (loss, ranking);
    }

    /// <summary>
    /// HashGNN's ranking-preserving term: BPR on the inner products of the training codes (scaled by 1/√bits so the
    /// scores have the spread of embedding scores). ⟨b_u, b_i⟩ = bits − 2·Hamming, so ranking by it is Hamming ranking.
    /// </summary>
    private Tensor HashRanking(Tensor userFinal, Tensor positiveFinal, NegativeEmbeddings negatives)
    {
        Tensor[] parts = [userFinal, positiveFinal, negatives.Final, .. negatives.SharedFinal is { } shared ? new[] { shared } : []];
        Tensor codes = _hash!.TrainingCodes(cat(parts), _hashGenerator);
        Tensor[] split = codes.split([.. parts.Select(p => p.shape[0])]);
        using Scalar scale = (1 / Math.Sqrt(_hash.Bits)).ToScalar();
        return BprLoss.Ranking(split[0].mul(scale), split[1], split[2], split.Length > 3 ? split[3] : null, KPair);
    }

    /// <summary>Binary codes of final embeddings from the hash layer (null when the run trains none).</summary>
    public (BinaryCodes Users, BinaryCodes Items)? HashCodes(EmbeddingFactors factors) =>
        _hash is null ? null
            : (_hash.Encode(factors.UserVectors, factors.UserCount), _hash.Encode(factors.ItemVectors, factors.ItemCount));

    /// <summary>Every tensor a checkpoint holds: the parameters, then their averages when averaging.</summary>
    private IReadOnlyList<Tensor> CheckpointedTensors => [.. _parameters, .. _average?.Averages ?? []];

    /// <summary>
    /// The model's final embeddings, copied to managed row-major arrays: those of the averaged parameters when
    /// <see cref="TrainingOptions.AverageDecay"/> is set (what is evaluated and exported), else of the last iterate.
    /// </summary>
    public EmbeddingFactors FinalEmbeddings()
    {
        using var averaged = _average?.SwappedIn();
        return ModelFinalEmbeddings();
    }

    private EmbeddingFactors ModelFinalEmbeddings()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _model.SetTraining(false);
        return ToFactors(_model.Final(_model.PropagateLayers()));
    }

    /// <summary>The current (last-iterate) ego embeddings E⁰, copied: what a later warm-started run continues from.</summary>
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
        _average?.Dispose();
        _hash?.Dispose();
        _hashGenerator.Dispose();
        _model.Dispose();
        _graph.Dispose();
    }
}
