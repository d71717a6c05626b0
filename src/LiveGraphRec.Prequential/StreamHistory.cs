namespace LiveGraphRec.Prequential;

/// <summary>
/// What the stream has shown so far, per user: the distinct items (for seen-item exclusion), those items
/// in order of their last interaction, and the number of events (repeats included).
/// </summary>
public sealed class StreamHistory(int userCount)
{
    private readonly HashSet<int>?[] _seen = new HashSet<int>?[userCount];
    private readonly List<int>?[] _recent = new List<int>?[userCount];
    private readonly int[] _events = new int[userCount];

    public int EventsOf(int user) => _events[user];

    public bool HasSeen(int user, int item) => _seen[user]?.Contains(item) == true;

    public IReadOnlySet<int> SeenBy(int user) => _seen[user] ?? (IReadOnlySet<int>)EmptySet;

    /// <summary>The user's distinct items, most recently interacted first, at most <paramref name="count"/>.</summary>
    public IEnumerable<int> RecentItems(int user, int count)
    {
        List<int>? recent = _recent[user];
        if (recent is null)
        {
            yield break;
        }
        for (int i = recent.Count - 1; i >= 0 && i >= recent.Count - count; i--)
        {
            yield return recent[i];
        }
    }

    public void Add(Interaction interaction)
    {
        int user = interaction.User;
        _events[user]++;
        List<int> recent = _recent[user] ??= [];
        if (!(_seen[user] ??= []).Add(interaction.Item))
        {
            recent.Remove(interaction.Item); // a repeat moves to the front
        }
        recent.Add(interaction.Item);
    }

    private static readonly HashSet<int> EmptySet = [];
}
