namespace LiveGraphRec.Prequential.Baselines;

/// <summary>
/// Item-to-item co-occurrence over the recent window: two events of the same user that are both in the
/// window count once for their item pair (each event pairs with that user's last <see cref="PairsPerEvent"/>
/// events in the window, to bound the cost of heavy users). A user's items are scored by the summed counts
/// with the user's <see cref="QueryItems"/> most recent items (from the whole history, so a user who comes
/// back after a pause still has a query); slots left empty are filled by recent popularity.
/// </summary>
public sealed class RecentCoOccurrence(int window, int pairsPerEvent = 50, int queryItems = 20) : WindowedRecommender(window)
{
    private readonly RecentPopularity _popularity = new(window);
    private Dictionary<int, int>?[] _pairs = [];
    /// <summary>Per user, the items of their events in the window, oldest first (an event leaves from the front).</summary>
    private Dictionary<int, Queue<WindowEvent>> _userEvents = [];

    public int PairsPerEvent { get; } = pairsPerEvent;
    public int QueryItems { get; } = queryItems;

    /// <summary>How many window event pairs link the two items (symmetric).</summary>
    public int CountOf(int item, int other) => _pairs[item]?.GetValueOrDefault(other) ?? 0;

    public override List<int> Recommend(int user, int count, StreamHistory history)
    {
        IReadOnlySet<int> seen = history.SeenBy(user);
        var scores = new Dictionary<int, double>();
        foreach (int query in history.RecentItems(user, QueryItems))
        {
            foreach (var (other, pairs) in _pairs[query] ?? [])
            {
                if (!seen.Contains(other))
                {
                    scores[other] = scores.GetValueOrDefault(other) + pairs;
                }
            }
        }
        List<int> best = TopK.Select(scores.Select(pair => (pair.Key, pair.Value)), count);
        if (best.Count < count)
        {
            var taken = best.ToHashSet();
            best.AddRange(_popularity.Top(count - best.Count, item => seen.Contains(item) || taken.Contains(item)));
        }
        return best;
    }

    protected override void Prepare(EventStream stream)
    {
        _pairs = new Dictionary<int, int>?[stream.ItemCount];
        _userEvents = [];
        _popularity.Start(stream with { Prefix = [] }); // fed by Entered, so it holds the same window
    }

    protected override void Entered(Interaction interaction)
    {
        _popularity.Learn(interaction);
        if (!_userEvents.TryGetValue(interaction.User, out Queue<WindowEvent>? events))
        {
            _userEvents[interaction.User] = events = new Queue<WindowEvent>();
        }
        var entered = new WindowEvent(interaction.Item);
        // The partners are the user's most recent events in the window; the pair ends when the partner (older) leaves.
        foreach (WindowEvent partner in events.Skip(Math.Max(0, events.Count - PairsPerEvent)))
        {
            if (partner.Item != interaction.Item)
            {
                Change(interaction.Item, partner.Item, +1);
                partner.LaterItems.Add(interaction.Item);
            }
        }
        events.Enqueue(entered);
    }

    protected override void Left(Interaction interaction)
    {
        Queue<WindowEvent> events = _userEvents[interaction.User];
        WindowEvent leaving = events.Dequeue();
        foreach (int later in leaving.LaterItems)
        {
            Change(leaving.Item, later, -1);
        }
        if (events.Count == 0)
        {
            _userEvents.Remove(interaction.User);
        }
    }

    private void Change(int item, int other, int delta)
    {
        Add(item, other, delta);
        Add(other, item, delta);
    }

    private void Add(int item, int other, int delta)
    {
        Dictionary<int, int> row = _pairs[item] ??= [];
        int count = row.GetValueOrDefault(other) + delta;
        if (count == 0)
        {
            row.Remove(other);
        }
        else
        {
            row[other] = count;
        }
    }

    private sealed class WindowEvent(int item)
    {
        public int Item { get; } = item;
        /// <summary>Items of the user's later events that paired with this one.</summary>
        public List<int> LaterItems { get; } = [];
    }
}
