using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Propagation;

namespace LiveGraphRec.Core.Tests.Propagation;

/// <summary>
/// Users and items as <see cref="NodeEmbeddingState"/>s with adjacency lists, linked edge by edge in the
/// update order documented on <see cref="NodeEmbeddingState.Link"/> — what the user and item grains do,
/// here with every node correcting all its neighbours right after each of its new edges.
/// </summary>
internal sealed class OnlineGraph
{
    private readonly List<int>[] _itemsOf, _usersOf;

    private readonly CorrectionTracker<int>[] _userCorrections, _itemCorrections;

    /// <param name="userEgo">Each user's e^(0), row after row: its published embedding (zeros: cold).</param>
    /// <param name="trainedDegrees">The degree each user, then each item, was trained with (none: all 0).</param>
    public OnlineGraph(int dim, int layers, float[] userEgo, float[] itemEgo, int[]? trainedDegrees = null)
    {
        Users = Nodes(userEgo, dim, layers, trainedDegrees ?? [], first: 0);
        Items = Nodes(itemEgo, dim, layers, trainedDegrees ?? [], first: Users.Length);
        _itemsOf = Users.Select(_ => new List<int>()).ToArray();
        _usersOf = Items.Select(_ => new List<int>()).ToArray();
        _userCorrections = Users.Select(node => new CorrectionTracker<int>(node.Contribution())).ToArray();
        _itemCorrections = Items.Select(node => new CorrectionTracker<int>(node.Contribution())).ToArray();
    }

    public NodeEmbeddingState[] Users { get; }
    public NodeEmbeddingState[] Items { get; }

    /// <summary>Links (user, item); <paramref name="sendCorrections"/> false skips the neighbour corrections.</summary>
    public void Link(int user, int item, bool sendCorrections = true)
    {
        float[] userContribution = Users[user].ProspectiveContribution();
        float[] itemContribution = Items[item].Link(userContribution);
        Users[user].Link(itemContribution);
        _itemCorrections[item].RecordHanded(user, itemContribution);
        _userCorrections[user].RecordHanded(item, userContribution);
        _usersOf[item].Add(user);
        _itemsOf[user].Add(item);
        if (sendCorrections)
        {
            Announce(Items[item], _itemCorrections[item], _usersOf[item], Users);
            Announce(Users[user], _userCorrections[user], _itemsOf[user], Items);
        }
    }

    public void LinkAll(IEnumerable<Interaction> edges, bool sendCorrections = true)
    {
        foreach (Interaction edge in edges)
        {
            Link(edge.User, edge.Item, sendCorrections);
        }
    }

    private static void Announce(NodeEmbeddingState node, CorrectionTracker<int> tracker, List<int> neighbours, NodeEmbeddingState[] others)
    {
        float[] current = node.Contribution();
        neighbours.ForEach(neighbour => others[neighbour].ApplyCorrection(tracker.CorrectionFor(neighbour, current)));
        tracker.Announced(current);
    }

    private static NodeEmbeddingState[] Nodes(float[] ego, int dim, int layers, int[] trainedDegrees, int first) =>
        Enumerable.Range(0, ego.Length / dim)
            .Select(n => new NodeEmbeddingState(ego.AsSpan(n * dim, dim).ToArray(), new float[dim * layers], 0,
                trainedDegrees.Length == 0 ? 0 : trainedDegrees[first + n]))
            .ToArray();
}
