using LiveGraphRec.Training.Runtime;
using LiveGraphRec.Training.Propagation;
using TorchSharp.Modules;

namespace LiveGraphRec.Training.Models;

/// <summary>
/// NGCF (Wang et al., SIGIR 2019), the LightGCN paper's baseline, per the paper's Eq. 7:
/// E^(l) = LeakyReLU_0.2((Ã + I) E^(l−1) W1 + (Ã E^(l−1)) ⊙ E^(l−1) W2), message dropout after each layer,
/// and as the official code, each layer's output L2-normalized before the layers are concatenated
/// into the final embedding (width (layers + 1)·d).
/// </summary>
public sealed class Ngcf : GraphRecommenderModule
{
    private const double LeakySlope = 0.2;
    private readonly ModuleList<Linear> aggregation;
    private readonly ModuleList<Linear> interaction;
    private readonly Dropout messageDropout;

    /// <remarks>Initialization draws from libtorch's global generator, which the trainer seeds.</remarks>
    public Ngcf(GraphOperator graph, int dimension, int layers, double messageDropoutRate = 0.1, Tensor? initialEgo = null)
        : base(nameof(Ngcf), graph, (layers + 1) * dimension, initialEgo, () => nn.init.xavier_uniform_(empty(graph.NodeCount, dimension)))
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layers);
        aggregation = new ModuleList<Linear>();
        interaction = new ModuleList<Linear>();
        for (int l = 0; l < layers; l++)
        {
            aggregation.Add(XavierLinear(dimension, graph.Device));
            interaction.Add(XavierLinear(dimension, graph.Device));
        }
        messageDropout = nn.Dropout(messageDropoutRate);
        RegisterComponents();
    }

    public override IReadOnlyList<Tensor> PropagateLayers()
    {
        var layers = new List<Tensor>(aggregation.Count + 1) { ego };
        Tensor current = ego;
        for (int l = 0; l < aggregation.Count; l++)
        {
            Tensor side = GraphConvolution.Apply(current, Graph);
            Tensor sum = aggregation[l].forward(side.Plus(current));
            Tensor bi = interaction[l].forward(side.mul(current));
            current = messageDropout.forward(nn.functional.leaky_relu(sum.Plus(bi), LeakySlope));
            layers.Add(nn.functional.normalize(current, p: 2, dim: 1));
        }
        return layers;
    }

    public override Tensor Pool(Tensor stackedLayers) => stackedLayers.flatten(1);

    public override Tensor Final(IReadOnlyList<Tensor> layers) => cat([.. layers], 1);

    private static Linear XavierLinear(int dimension, Device device)
    {
        var linear = nn.Linear(dimension, dimension);
        using (no_grad())
        {
            nn.init.xavier_uniform_(linear.weight);
            linear.bias!.zero_();
        }
        linear.to(device);
        return linear;
    }
}
