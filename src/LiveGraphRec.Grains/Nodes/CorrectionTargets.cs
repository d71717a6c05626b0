namespace LiveGraphRec.Grains.Nodes;

/// <summary>
/// The neighbours a node corrects after its contribution changed: up to the fan-out among the edges in its current
/// aggregates, first those that linked it since the last round (event times need not arrive in order), then the most
/// recent. One pass with a buffer of fan-out entries, instead of sorting every neighbour (up to
/// <see cref="GraphOptions.MaxNeighbours"/>) on every tick; ties keep the adjacency's order.
/// </summary>
public static class CorrectionTargets
{
    public static List<string> Select(IReadOnlyDictionary<string, Edge> neighbours, long version, Func<string, bool> wasHanded, int fanOut)
    {
        var chosen = new List<(string Id, bool Handed, DateTimeOffset LastAt)>(fanOut + 1);
        foreach (var (id, edge) in neighbours)
        {
            if (edge.OwnVersion != version)
            {
                continue;
            }
            var candidate = (id, wasHanded(id), edge.LastAt);
            int at = chosen.Count;
            while (at > 0 && Precedes(candidate, chosen[at - 1]))
            {
                at--;
            }
            if (at < fanOut)
            {
                chosen.Insert(at, candidate);
                if (chosen.Count > fanOut)
                {
                    chosen.RemoveAt(fanOut);
                }
            }
        }
        return chosen.ConvertAll(target => target.Id);
    }

    private static bool Precedes((string, bool Handed, DateTimeOffset LastAt) a, (string, bool Handed, DateTimeOffset LastAt) b) =>
        a.Handed != b.Handed ? a.Handed : a.LastAt > b.LastAt;
}
