using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Propagation;

namespace LiveGraphRec.Core.Tests.Propagation;

/// <summary>
/// Users and items as <see cref="NodeEmbeddingState"/>s with adjacency lists, linked edge by edge in the
/// update order documented on <see cref="NodeEmbeddingState.Link"/> — what the user and item grains do.
/// </summary>
internal sealed class OnlineGraph
{
    private readonly List<int>[] _itemsOf, _usersOf;

    public OnlineGraph(int dim, int layers, float[] userEgo, float[] itemEgo)
    {
        Users = Nodes(userEgo, dim, layers);
        Items = Nodes(itemEgo, dim, layers);
        _itemsOf = Users.Select(_ => new List<int>()).ToArray();
        _usersOf = Items.Select(_ => new List<int>()).ToArray();
    }

    public NodeEmbeddingState[] Users { get; }
    public NodeEmbeddingState[] Items { get; }

    /// <summary>Links (user, item); <paramref name="sendCorrections"/> false skips the neighbour corrections.</summary>
    public void Link(int user, int item, bool sendCorrections = true)
    {
        float[] userProspective = Users[user].ProspectiveContribution();
        LinkOutcome itemOutcome = Items[item].Link(userProspective);
        LinkOutcome userOutcome = Users[user].Link(itemOutcome.Contribution);
        if (sendCorrections)
        {
            _usersOf[item].ForEach(other => Users[other].ApplyCorrection(itemOutcome.Correction));
            _itemsOf[user].ForEach(other => Items[other].ApplyCorrection(userOutcome.Correction));
        }
        _usersOf[item].Add(user);
        _itemsOf[user].Add(item);
    }

    public void LinkAll(IEnumerable<Interaction> edges, bool sendCorrections = true)
    {
        foreach (Interaction edge in edges)
        {
            Link(edge.User, edge.Item, sendCorrections);
        }
    }

    private static NodeEmbeddingState[] Nodes(float[] ego, int dim, int layers) =>
        Enumerable.Range(0, ego.Length / dim)
            .Select(n => new NodeEmbeddingState(ego.AsSpan(n * dim, dim).ToArray(), new float[dim * layers], 0))
            .ToArray();
}
