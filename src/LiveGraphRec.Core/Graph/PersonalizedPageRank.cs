namespace LiveGraphRec.Core.Graph;

/// <summary>
/// Personalized PageRank on the user–item graph by random walks with restart, as PinSage/Pixie: each walk
/// starts at the source, and at every step stops with probability <see cref="Restart"/> or moves to a uniform
/// neighbour. A walk's expected visits to v are PPR(v)/α, so visit counts over all walks, divided by their
/// total, estimate the PPR vector (they sum to 1). Nodes: users 0..U−1, then items U..U+I−1.
/// Not thread-safe (it owns its counting buffers); use one instance per thread.
/// </summary>
public sealed class PersonalizedPageRank
{
    private readonly BipartiteGraph _graph;
    private readonly int[] _visits;
    private readonly List<int> _touched = [];

    public PersonalizedPageRank(BipartiteGraph graph, double restart = 0.15)
    {
        if (!(restart > 0 && restart <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(restart), restart, "The restart probability must be in (0, 1].");
        }
        _graph = graph;
        Restart = restart;
        _visits = new int[graph.UserCount + graph.ItemCount];
    }

    public double Restart { get; }
    public int NodeCount => _visits.Length;

    /// <summary>PPR estimate of every node from <paramref name="walks"/> walks from <paramref name="source"/>; sums to 1.</summary>
    public float[] Scores(int source, int walks, Random random)
    {
        long total = Walk(source, walks, random);
        var scores = new float[NodeCount];
        foreach (int node in _touched)
        {
            scores[node] = (float)((double)_visits[node] / total);
        }
        Clear();
        return scores;
    }

    /// <summary>
    /// Items ranked by PPR from <paramref name="user"/>, most visited first (ties to the smaller item), leaving out
    /// the user's own items; items never visited are not ranked.
    /// </summary>
    public int[] RankedItems(int user, int walks, Random random)
    {
        Walk(user, walks, random);
        int users = _graph.UserCount;
        ReadOnlySpan<int> own = _graph.ItemsOf(user);
        var items = new List<int>(_touched.Count);
        foreach (int node in _touched)
        {
            if (node >= users && own.BinarySearch(node - users) < 0)
            {
                items.Add(node);
            }
        }
        int[] ranked = [.. items.OrderByDescending(node => _visits[node]).ThenBy(node => node).Select(node => node - users)];
        Clear();
        return ranked;
    }

    /// <summary>
    /// PinSage's importance-based neighbourhood: the <paramref name="count"/> nodes other than the source visited most
    /// by walks from it (ties to the smaller node). Bounds the fan-out of multi-hop propagation to the nodes that matter.
    /// </summary>
    public int[] ImportantNeighbours(int source, int count, int walks, Random random)
    {
        Walk(source, walks, random);
        int[] top = [.. _touched.Where(node => node != source).OrderByDescending(node => _visits[node]).ThenBy(node => node).Take(count)];
        Clear();
        return top;
    }

    /// <summary>Runs the walks, counting visits (the start included) into the buffer; returns the total.</summary>
    private long Walk(int source, int walks, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)source, (uint)NodeCount, nameof(source));
        ArgumentOutOfRangeException.ThrowIfLessThan(walks, 1);
        int users = _graph.UserCount;
        long total = 0;
        for (int w = 0; w < walks; w++)
        {
            int node = source;
            while (true)
            {
                if (_visits[node]++ == 0)
                {
                    _touched.Add(node);
                }
                total++;
                if (random.NextDouble() < Restart)
                {
                    break;
                }
                ReadOnlySpan<int> neighbours = node < users ? _graph.ItemsOf(node) : _graph.UsersOf(node - users);
                if (neighbours.IsEmpty)
                {
                    break;
                }
                int next = neighbours[random.Next(neighbours.Length)];
                node = node < users ? users + next : next;
            }
        }
        return total;
    }

    private void Clear()
    {
        foreach (int node in _touched)
        {
            _visits[node] = 0;
        }
        _touched.Clear();
    }
}
