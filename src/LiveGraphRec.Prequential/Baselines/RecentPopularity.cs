namespace LiveGraphRec.Prequential.Baselines;

/// <summary>Recommends the items with the most events in the recent window that the user has not seen.</summary>
public sealed class RecentPopularity(int window) : WindowedRecommender(window)
{
    private int[] _counts = [];

    public override List<int> Recommend(int user, int count, StreamHistory history) =>
        Top(count, history.SeenBy(user).Contains);

    /// <summary>The most frequent items in the window (ties: lower index first), leaving out the <paramref name="excluded"/>.</summary>
    public List<int> Top(int count, Func<int, bool> excluded) =>
        TopK.Select(Enumerable.Range(0, _counts.Length)
            .Where(item => !excluded(item))
            .Select(item => (item, (double)_counts[item])), count);

    public int CountOf(int item) => _counts[item];

    protected override void Prepare(EventStream stream) => _counts = new int[stream.ItemCount];

    protected override void Entered(Interaction interaction) => _counts[interaction.Item]++;

    protected override void Left(Interaction interaction) => _counts[interaction.Item]--;
}
