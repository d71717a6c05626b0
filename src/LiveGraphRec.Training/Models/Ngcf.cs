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
    private const ulong DropoutSeedOffset = 0x9E3779B9;
    private readonly ModuleList<Linear> aggregation;
    private readonly ModuleList<Linear> interaction;
    private readonly double messageDropoutRate;
    private readonly Generator? dropoutGenerator;

    /// <param name="generator">
    /// Draws the initial weights (Xavier uniform, as the official code) and seeds the message-dropout draws: a generator
    /// of the caller's, not libtorch's global one, which every trainer in the process shares (null: the global one).
    /// </param>
    public Ngcf(GraphOperator graph, int dimension, int layers, double messageDropoutRate = 0.1, Generator? generator = null, Tensor? initialEgo = null)
        : base(nameof(Ngcf), graph, (layers + 1) * dimension, initialEgo, () => XavierUniform(empty(graph.NodeCount, dimension), generator))
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layers);
        ArgumentOutOfRangeException.ThrowIfNegative(messageDropoutRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(messageDropoutRate, 1);
        aggregation = new ModuleList<Linear>();
        interaction = new ModuleList<Linear>();
        for (int l = 0; l < layers; l++)
        {
            aggregation.Add(XavierLinear(dimension, graph.Device, generator));
            interaction.Add(XavierLinear(dimension, graph.Device, generator));
        }
        this.messageDropoutRate = messageDropoutRate;
        // A stream of its own on the graph's device: a CPU generator cannot draw a CUDA tensor.
        dropoutGenerator = generator is null ? null : new Generator(unchecked((ulong)generator.initial_seed() + DropoutSeedOffset), graph.Device);
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
            current = MessageDropout(nn.functional.leaky_relu(sum.Plus(bi), LeakySlope));
            layers.Add(nn.functional.normalize(current, p: 2, dim: 1));
        }
        return layers;
    }

    public override Tensor Pool(Tensor stackedLayers) => stackedLayers.flatten(1);

    public override Tensor Final(IReadOnlyList<Tensor> layers) => cat([.. layers], 1);

    /// <summary>Restarts the message-dropout draws; no effect without a generator of the caller's.</summary>
    public override void SeedStepDraws(int seed) => dropoutGenerator?.manual_seed(seed);

    /// <summary>Inverted dropout while training: each message kept with probability 1 − rate and scaled by 1 / (1 − rate).</summary>
    private Tensor MessageDropout(Tensor messages)
    {
        if (!training || messageDropoutRate == 0)
        {
            return messages;
        }
        using var draw = rand(messages.shape, generator: dropoutGenerator, device: messages.device);
        using Scalar rate = messageDropoutRate.ToScalar();
        using Scalar keptScale = (1 / (1 - messageDropoutRate)).ToScalar();
        using var kept = draw.ge(rate);
        return messages.mul(kept).mul_(keptScale);
    }

    /// <summary>Fills <paramref name="weights"/> uniformly in ±sqrt(6 / (fan_in + fan_out)), as <c>nn.init.xavier_uniform_</c>, from the given generator.</summary>
    private static Tensor XavierUniform(Tensor weights, Generator? generator)
    {
        double bound = Math.Sqrt(6.0 / (weights.shape[0] + weights.shape[1]));
        return weights.uniform_(-bound, bound, generator);
    }

    private static Linear XavierLinear(int dimension, Device device, Generator? generator)
    {
        var linear = nn.Linear(dimension, dimension);
        using (no_grad())
        {
            XavierUniform(linear.weight!, generator);
            linear.bias!.zero_();
        }
        linear.to(device);
        return linear;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            dropoutGenerator?.Dispose();
        }
        base.Dispose(disposing);
    }
}
