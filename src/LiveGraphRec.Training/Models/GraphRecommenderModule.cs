using LiveGraphRec.Training.Propagation;
using TorchSharp.Modules;

namespace LiveGraphRec.Training.Models;

/// <summary>
/// What every graph recommender here shares: the graph it propagates on, one ego embedding row per node
/// (users first, then items), and its sizes. Subclasses add their layers and call RegisterComponents.
/// </summary>
public abstract class GraphRecommenderModule : nn.Module, IGraphRecommender
{
    // Protected so that the subclass's RegisterComponents, which reflects over its own type, finds it.
    protected readonly Parameter ego;

    /// <param name="initialEgo">A warm start, copied (the caller keeps it); null draws <paramref name="defaultEgo"/>.</param>
    protected GraphRecommenderModule(string name, GraphOperator graph, int finalDimension, Tensor? initialEgo, Func<Tensor> defaultEgo)
        : base(name)
    {
        Graph = graph;
        UserCount = graph.Adjacency.UserCount;
        ItemCount = graph.Adjacency.ItemCount;
        Dimension = finalDimension;
        using var drawn = initialEgo is null ? defaultEgo() : null;
        using var placed = (initialEgo ?? drawn!).to(float32, graph.Device);
        ego = nn.Parameter(placed.clone());
    }

    protected GraphOperator Graph { get; }
    public int UserCount { get; }
    public int ItemCount { get; }
    public int Dimension { get; }
    public Parameter Ego => ego;
    public IEnumerable<Parameter> TrainableParameters => parameters();

    public abstract IReadOnlyList<Tensor> PropagateLayers();
    public abstract Tensor Pool(Tensor stackedLayers);
    public abstract Tensor Final(IReadOnlyList<Tensor> layers);

    public void SetTraining(bool training) => train(training);

    /// <summary>Models without random draws in a step have nothing to seed.</summary>
    public virtual void SeedStepDraws(int seed)
    {
    }
}
