using LiveGraphRec.Training.Runtime;
using LiveGraphRec.Training.Propagation;

namespace LiveGraphRec.Training.Models;

/// <summary>
/// LightGCN (He et al., SIGIR 2020): E^(k+1) = Ã E^(k) with no weights and no nonlinearity; the final
/// embedding is the mean of layers 0..K; score = dot product.
/// </summary>
public sealed class LightGcn : GraphRecommenderModule
{
    private readonly int _layers;

    /// <param name="initialEgo">Optional [users + items, d] start (warm start); else N(0, 0.1²) as the paper.</param>
    public LightGcn(GraphOperator graph, int dimension, int layers, Generator? generator = null, Tensor? initialEgo = null)
        : base(nameof(LightGcn), graph, dimension, initialEgo, () => normal(0, 0.1, [graph.NodeCount, dimension], generator: generator))
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layers);
        _layers = layers;
        RegisterComponents();
    }

    public override IReadOnlyList<Tensor> PropagateLayers()
    {
        var layers = new List<Tensor>(_layers + 1) { ego };
        for (int k = 0; k < _layers; k++)
        {
            layers.Add(GraphConvolution.Apply(layers[^1], Graph));
        }
        return layers;
    }

    public override Tensor Pool(Tensor stackedLayers) => stackedLayers.mean([1]);

    public override Tensor Final(IReadOnlyList<Tensor> layers) => MeanOfLayers(layers);

    /// <summary>The mean of layers 0..K, shared with <see cref="StochasticMaskLightGcn"/>.</summary>
    internal static Tensor MeanOfLayers(IReadOnlyList<Tensor> layers)
    {
        // A running sum avoids materializing the [nodes, layers + 1, d] stack every step.
        Tensor sum = layers[0];
        for (int k = 1; k < layers.Count; k++)
        {
            sum = sum.Plus(layers[k]);
        }
        // An explicit Scalar: TorchSharp leaves implicit ones to the finalizer (see NodeIndex).
        using Scalar count = layers.Count.ToScalar();
        return sum.div(count);
    }
}
