using LiveGraphRec.Training.Runtime;
using System.Runtime.InteropServices;
using LiveGraphRec.Training.Masks;
using LiveGraphRec.Training.Propagation;
using TorchSharp.Modules;

namespace LiveGraphRec.Training.Models;

/// <summary>
/// S-LightGCN: LightGCN with SGCN's stochastic binary masks (Chen et al., SIGIR 2021). Layer k propagates on
/// Â^(k) = D_z^-1/2 (A ⊙ Z^(k)) D_z^-1/2 with Z^(k) ~ Bernoulli(σ(Φ^(k))), one trainable logit per training edge
/// and layer. The objective is E_Z[f(Z)] + β Σ σ(Φ) with f = batch BPR + γ Σ_k ‖Â^(k)‖_*, where:
/// <list type="bullet">
/// <item>the embeddings get the gradient of ½(f(Z¹) + f(Z²)) over the ARM pair, through the ordinary propagation;</item>
/// <item>Φ gets the ARM estimate (f(Z¹) − f(Z²))(u − ½), or DisARM's ½(f(Z¹) − f(Z²))(Z¹ − Z²)σ(|Φ|) from the same
/// pair (<see cref="MaskOptions.Estimator"/>) — the masks are never differentiated, so both forward passes run on the
/// CSR kernel and no gradient has to reach edge weights;</item>
/// <item>the nuclear norm is part of f, evaluated for each sampled mask from the top singular values of a
/// randomized truncated SVD with power iteration, so its gradient with respect to Φ is also the ARM estimate
/// (no derivative of the SVD is needed); the sparsity term's gradient β σ(Φ)(1 − σ(Φ)) is exact.</item>
/// </list>
/// Evaluation uses the expected mask: an edge is kept where σ(Φ) &gt; 0.5.
/// </summary>
public sealed class StochasticMaskLightGcn : GraphRecommenderModule
{
    private readonly int _layers;
    private readonly MaskedAdjacency _masks;
    private readonly MaskOptions _options;
    private readonly Parameter maskLogits;

    public StochasticMaskLightGcn(GraphOperator graph, int dimension, int layers, MaskOptions options,
        Generator? generator = null, Tensor? initialEgo = null)
        : base(nameof(StochasticMaskLightGcn), graph, dimension, initialEgo, () => normal(0, 0.1, [graph.NodeCount, dimension], generator: generator))
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layers);
        options.Validate();
        _layers = layers;
        _options = options;
        _masks = new MaskedAdjacency(graph);
        using var initial = full(layers, _masks.EdgeCount, options.InitialLogit, device: graph.Device);
        maskLogits = nn.Parameter(initial.clone());
        RegisterComponents();
    }

    /// <summary>Φ [layers, training edges].</summary>
    public Parameter MaskLogits => maskLogits;

    /// <summary>Propagation with the expected masks (σ(Φ) &gt; 0.5), as used at evaluation and export.</summary>
    public override IReadOnlyList<Tensor> PropagateLayers()
    {
        using var zero = 0.ToScalar();
        using var logits = maskLogits.detach();
        using var kept = logits.gt(zero);
        using var keep = kept.to_type(ScalarType.Float32);
        return Propagate(keep);
    }

    /// <summary>The share of edge-layer masks the expected mask keeps (σ(Φ) &gt; 0.5).</summary>
    public double KeptShare()
    {
        if (maskLogits.numel() == 0)
        {
            return 1;
        }
        using var zero = 0.ToScalar();
        using var logits = maskLogits.detach();
        using var kept = logits.gt(zero);
        using var count = kept.sum();
        return count.item<long>() / (double)maskLogits.numel();
    }

    public override Tensor Pool(Tensor stackedLayers) => stackedLayers.mean([1]);

    public override Tensor Final(IReadOnlyList<Tensor> layers) => LightGcn.MeanOfLayers(layers);

    /// <summary>
    /// One ARM evaluation of the objective: <paramref name="batchLoss"/> on the layers propagated with each mask
    /// of the antithetic pair drawn from <paramref name="seed"/>. Returns the tensor to back-propagate (mean loss
    /// of the pair plus a surrogate Σ Φ·g + β Σ σ(Φ) whose gradient is the mask estimate g plus the sparsity
    /// gradient), and the pair's mean loss and ranking term for reporting.
    /// </summary>
    public (Tensor Objective, Tensor Loss, Tensor Ranking) ArmObjective(int seed, Func<IReadOnlyList<Tensor>, (Tensor Loss, Tensor Ranking)> batchLoss)
    {
        Tensor u = ArmEstimator.Uniform([_layers, _masks.EdgeCount], seed, maskLogits.device);
        var (first, second) = ArmEstimator.SampleAntithetic(maskLogits, u);
        var (firstLoss, firstRanking) = batchLoss(Propagate(first));
        var (secondLoss, secondRanking) = batchLoss(Propagate(second));
        // The nuclear-norm term is part of f, so it enters the difference (it is not differentiated).
        Tensor firstValue = _options.LowRank == 0 ? firstLoss
            : firstLoss.Plus(tensor(LowRankPenalty(first, seed) - LowRankPenalty(second, seed), dtype: ScalarType.Float32, device: u.device));
        Tensor estimate = _options.Estimator == MaskGradientEstimator.DisArm
            ? ArmEstimator.DisarmGradient(firstValue, secondLoss, first, second, maskLogits)
            : ArmEstimator.Gradient(firstValue, secondLoss, u);
        // Explicit scalars: TorchSharp leaves implicit ones to the finalizer (see BprLoss).
        using Scalar sparsity = _options.Sparsity.ToScalar(), half = 0.5.ToScalar();
        Tensor surrogate = maskLogits.mul(estimate).sum().Plus(maskLogits.sigmoid().sum().mul(sparsity));
        Tensor loss = firstLoss.Plus(secondLoss).mul(half);
        return (loss.Plus(surrogate), loss, firstRanking.Plus(secondRanking).mul(half));
    }

    /// <summary>γ Σ_k ‖Â^(k)‖_* (top-n singular values) for a mask of every layer.</summary>
    private double LowRankPenalty(Tensor masks, int seed)
    {
        double sum = 0;
        for (int k = 0; k < _layers; k++)
        {
            using var mask = masks[k];
            sum += MaskedAdjacency.TruncatedNuclearNorm(_masks.OnHost(mask), _options.LowRankRank, seed + k);
        }
        return _options.LowRank * sum;
    }

    /// <summary>Layers 0..K with layer k propagated on the graph masked by row k of <paramref name="masks"/> [layers, edges].</summary>
    private List<Tensor> Propagate(Tensor masks)
    {
        var layers = new List<Tensor>(_layers + 1) { ego };
        for (int k = 0; k < _layers; k++)
        {
            using var mask = masks[k];
            layers.Add(GraphConvolution.Apply(layers[^1], _masks.Apply(mask)));
        }
        return layers;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _masks.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>Φ as it stands, [layers × training edges] row-major, edges in the training graph's user-major order.</summary>
    public float[] CopyLogits()
    {
        using var detached = maskLogits.detach();
        using var values = detached.cpu().contiguous();
        return MemoryMarshal.Cast<byte, float>(values.bytes).ToArray();
    }
}
