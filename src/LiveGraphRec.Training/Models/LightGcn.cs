using LiveGraphRec.Training.Propagation;
using TorchSharp.Modules;

namespace LiveGraphRec.Training.Models;

/// <summary>
/// LightGCN (He et al., SIGIR 2020): E^(k+1) = Ã E^(k) with no weights and no nonlinearity; the final
/// embedding is the mean of layers 0..K; score = dot product.
/// </summary>
public sealed class LightGcn : nn.Module, IGraphRecommender
{
    private readonly GraphOperator _graph;
    private readonly int _layers;
    private readonly Parameter ego;

    /// <param name="initialEgo">Optional [users + items, d] start (warm start); else N(0, 0.1²) as the paper.</param>
    public LightGcn(GraphOperator graph, int dimension, int layers, Generator? generator = null, Tensor? initialEgo = null)
        : base(nameof(LightGcn))
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layers);
        _graph = graph;
        _layers = layers;
        UserCount = graph.Adjacency.UserCount;
        ItemCount = graph.Adjacency.ItemCount;
        Dimension = dimension;
        using var init = initialEgo?.to(float32).to(graph.Device).clone()
            ?? normal(0, 0.1, [graph.NodeCount, dimension], generator: generator).to(graph.Device);
        ego = nn.Parameter(init);
        RegisterComponents();
    }

    public int UserCount { get; }
    public int ItemCount { get; }
    public int Dimension { get; }
    public Parameter Ego => ego;
    public IEnumerable<Parameter> TrainableParameters => parameters();

    public IReadOnlyList<Tensor> PropagateLayers()
    {
        var layers = new List<Tensor>(_layers + 1) { ego };
        for (int k = 0; k < _layers; k++)
        {
            layers.Add(GraphConvolution.Apply(layers[^1], _graph));
        }
        return layers;
    }

    public Tensor Pool(Tensor stackedLayers) => stackedLayers.mean([1]);

    public Tensor Final(IReadOnlyList<Tensor> layers)
    {
        // A running sum avoids materializing the [nodes, layers + 1, d] stack every step.
        Tensor sum = layers[0];
        for (int k = 1; k < layers.Count; k++)
        {
            sum = sum.add(layers[k]);
        }
        return sum.div(layers.Count);
    }

    public void SetTraining(bool training) => train(training);
}
