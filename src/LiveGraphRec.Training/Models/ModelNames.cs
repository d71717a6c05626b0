namespace LiveGraphRec.Training.Models;

/// <summary>The trainable models by configuration name.</summary>
public static class ModelNames
{
    public const string LightGcn = "lightgcn";
    public const string Ngcf = "ngcf";
    public static readonly string[] All = [LightGcn, Ngcf];

    public static IGraphRecommender Create(string name, Propagation.GraphOperator graph, int dimension, int layers, Generator generator, Tensor? initialEgo) => name switch
    {
        LightGcn => new LightGcn(graph, dimension, layers, generator, initialEgo),
        Ngcf => new Ngcf(graph, dimension, layers, initialEgo: initialEgo),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"Unknown model; expected one of {string.Join(", ", All)}."),
    };
}
