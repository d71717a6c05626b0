namespace LiveGraphRec.Grains.Nodes;

/// <summary>
/// Which neighbours' edges changed (or went) since the node's storage last wrote them, for a storage that keeps each
/// edge apart from the rest of the state and writes only those (a popular item holds up to
/// <see cref="GraphOptions.MaxNeighbours"/> edges and gains one per event). Off until such a storage turns it on when it
/// reads the state, so a storage that writes states whole pays nothing for it. Past <see cref="MaxTracked"/> changes,
/// or when what is stored is not known edge by edge, the next write replaces every edge.
/// </summary>
public sealed class NeighbourJournal
{
    /// <summary>Changes tracked one by one; beyond this a write replaces every edge (cheaper per edge, and bounded).</summary>
    public const int MaxTracked = 256;

    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private bool _tracking;
    private bool _all;

    /// <summary>Starts tracking (the storage that reads the state does): until then nothing is recorded.</summary>
    public void Track() => _tracking = true;

    /// <summary>The edge to <paramref name="neighbourId"/> was added, changed or removed.</summary>
    public void Changed(string neighbourId)
    {
        if (!_tracking || _all)
        {
            return;
        }
        _changed.Add(neighbourId);
        if (_changed.Count > MaxTracked)
        {
            ChangedAll();
        }
    }

    /// <summary>Every edge is to be written again, and stored edges not among them dropped.</summary>
    public void ChangedAll()
    {
        _all = true;
        _changed.Clear();
    }

    /// <summary>What changed since the last take (all, or these ids), and starts afresh.</summary>
    public NeighbourChanges Take()
    {
        var taken = new NeighbourChanges(_all, _all ? [] : [.. _changed]);
        _all = false;
        _changed.Clear();
        return taken;
    }

    /// <summary>Puts back changes a write took but failed to store.</summary>
    public void Restore(NeighbourChanges taken)
    {
        if (taken.All)
        {
            ChangedAll();
            return;
        }
        foreach (string id in taken.Ids)
        {
            Changed(id);
        }
    }
}

/// <summary>The edges a write must store: every one (<paramref name="All"/>), or those of <paramref name="Ids"/> (an id no longer among the neighbours is removed).</summary>
public sealed record NeighbourChanges(bool All, string[] Ids);
