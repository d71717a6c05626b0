using LiveGraphRec.Training.Masks;

namespace LiveGraphRec.Training.Models;

/// <summary>The trainable models by configuration name.</summary>
public static class ModelNames
{
    public const string LightGcn = "lightgcn";
    public const string Ngcf = "ngcf";
    /// <summary>LightGCN with SGCN's stochastic edge masks.</summary>
    public const string StochasticLightGcn = "slightgcn";
    public static readonly string[] All = [LightGcn, Ngcf, StochasticLightGcn];

    public static IGraphRecommender Create(string name, Propagation.GraphOperator graph, int dimension, int layers, Generator generator,
        Tensor? initialEgo, MaskOptions? masks = null) => name switch
    {
        LightGcn => new LightGcn(graph, dimension, layers, generator, initialEgo),
        Ngcf => new Ngcf(graph, dimension, layers, generator: generator, initialEgo: initialEgo),
        StochasticLightGcn => new StochasticMaskLightGcn(graph, dimension, layers, masks ?? new MaskOptions(), generator, initialEgo),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"Unknown model; expected one of {string.Join(", ", All)}."),
    };
}
