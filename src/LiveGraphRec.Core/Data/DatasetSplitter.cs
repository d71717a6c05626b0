namespace LiveGraphRec.Core.Data;

/// <summary>
/// Divides a dataset into train and test. Every split except <see cref="SourceTest"/> re-splits all of the
/// dataset's interactions (train and test together). Per-user splits always leave a user at least one
/// training interaction, because a user with nothing to learn from cannot be evaluated fairly.
/// The test side may hold users or items absent from train; evaluation decides how to treat them.
/// </summary>
public static class DatasetSplitter
{
    /// <summary>The dataset as its source divided it (its own test file).</summary>
    public static Dataset SourceTest(Dataset dataset)
    {
        if (dataset.Test.Length == 0)
        {
            throw new ArgumentException(
                $"Dataset '{dataset.Name}' has no test file; choose a random or temporal split instead.", nameof(dataset));
        }
        return dataset;
    }

    /// <summary>
    /// Per user, shuffles the user's distinct items with a generator seeded by <paramref name="seed"/> and holds
    /// out round(testFraction · n) of them (half away from zero), at most n − 1: a user with a single item keeps
    /// it in train. Every interaction with a held-out item goes to test, so a repeated pair never straddles the
    /// split. Interactions keep their original order.
    /// </summary>
    public static Dataset RandomHoldout(Dataset dataset, double testFraction, int seed)
    {
        ThrowIfNotFraction(testFraction);
        Interaction[] all = AllInteractions(dataset);
        var (offsets, rows) = GroupByUser(all, dataset.UserCount);
        var isTest = new bool[all.Length];
        var random = new Random(seed);
        var items = new List<int>();
        for (int user = 0; user < dataset.UserCount; user++)
        {
            Span<int> userRows = rows.AsSpan(offsets[user], offsets[user + 1] - offsets[user]);
            DistinctSortedItems(all, userRows, items);
            int holdOut = Math.Min((int)Math.Round(testFraction * items.Count, MidpointRounding.AwayFromZero), items.Count - 1);
            if (holdOut <= 0)
            {
                continue;
            }
            // Partial Fisher–Yates: the first holdOut positions become a uniform random subset.
            for (int i = 0; i < holdOut; i++)
            {
                int j = random.Next(i, items.Count);
                (items[i], items[j]) = (items[j], items[i]);
            }
            items.Sort(0, holdOut, Comparer<int>.Default);
            foreach (int row in userRows)
            {
                isTest[row] = items.BinarySearch(0, holdOut, all[row].Item, Comparer<int>.Default) >= 0;
            }
        }
        return Partition(dataset, all, isTest);
    }

    /// <summary>
    /// Global temporal cut: sorts all interactions by time (stable, so ties keep their order) and puts the
    /// last <paramref name="testFraction"/> of them in test. Both sides come out in time order.
    /// </summary>
    public static Dataset TemporalCut(Dataset dataset, double testFraction)
    {
        ThrowIfNotFraction(testFraction);
        ThrowIfNoTimestamps(dataset, "temporal cut");
        Interaction[] all = AllInteractions(dataset);
        int[] order = Enumerable.Range(0, all.Length).ToArray();
        SortByTime(order, all);
        int testCount = (int)Math.Round(testFraction * all.Length, MidpointRounding.AwayFromZero);
        Interaction[] sorted = Array.ConvertAll(order, i => all[i]);
        return dataset with { Train = sorted[..^testCount], Test = sorted[^testCount..] };
    }

    /// <summary>
    /// Per user, the <paramref name="count"/> latest interactions (ties broken by original order) go to test,
    /// at most all but one: a user with n ≤ count interactions keeps the earliest in train.
    /// Interactions keep their original order.
    /// </summary>
    public static Dataset LeaveLastN(Dataset dataset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ThrowIfNoTimestamps(dataset, "leave-last-n split");
        Interaction[] all = AllInteractions(dataset);
        var (offsets, rows) = GroupByUser(all, dataset.UserCount);
        var isTest = new bool[all.Length];
        for (int user = 0; user < dataset.UserCount; user++)
        {
            Span<int> userRows = rows.AsSpan(offsets[user], offsets[user + 1] - offsets[user]);
            SortByTime(userRows, all);
            int holdOut = Math.Min(count, userRows.Length - 1);
            for (int k = userRows.Length - holdOut; k < userRows.Length; k++)
            {
                isTest[userRows[k]] = true;
            }
        }
        return Partition(dataset, all, isTest);
    }

    private static Interaction[] AllInteractions(Dataset dataset) => [.. dataset.Train, .. dataset.Test];

    /// <summary>Counting sort of interaction indices by user; each user's indices stay in original order.</summary>
    private static (int[] Offsets, int[] Rows) GroupByUser(Interaction[] all, int userCount)
    {
        var offsets = new int[userCount + 1];
        foreach (Interaction x in all)
        {
            offsets[x.User + 1]++;
        }
        for (int u = 0; u < userCount; u++)
        {
            offsets[u + 1] += offsets[u];
        }
        var cursor = offsets[..userCount];
        var rows = new int[all.Length];
        for (int i = 0; i < all.Length; i++)
        {
            rows[cursor[all[i].User]++] = i;
        }
        return (offsets, rows);
    }

    /// <summary>Sorts by the items' value, not their order of appearance, so the shuffle depends only on the seed and the set.</summary>
    private static void DistinctSortedItems(Interaction[] all, ReadOnlySpan<int> rows, List<int> items)
    {
        items.Clear();
        foreach (int row in rows)
        {
            items.Add(all[row].Item);
        }
        items.Sort();
        int write = 0;
        for (int k = 0; k < items.Count; k++)
        {
            if (k == 0 || items[k] != items[k - 1])
            {
                items[write++] = items[k];
            }
        }
        items.RemoveRange(write, items.Count - write);
    }

    /// <summary>Stable sort of interaction indices by timestamp: equal times keep index order.</summary>
    private static void SortByTime(Span<int> indices, Interaction[] all) =>
        indices.Sort((a, b) => all[a].Timestamp != all[b].Timestamp ? all[a].Timestamp.CompareTo(all[b].Timestamp) : a.CompareTo(b));

    private static Dataset Partition(Dataset dataset, Interaction[] all, bool[] isTest)
    {
        var train = new List<Interaction>(all.Length);
        var test = new List<Interaction>();
        for (int i = 0; i < all.Length; i++)
        {
            (isTest[i] ? test : train).Add(all[i]);
        }
        return dataset with { Train = [.. train], Test = [.. test] };
    }

    private static void ThrowIfNotFraction(double testFraction)
    {
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must lie strictly between 0 and 1.");
        }
    }

    private static void ThrowIfNoTimestamps(Dataset dataset, string split)
    {
        if (!dataset.HasTimestamps)
        {
            throw new ArgumentException(
                $"Dataset '{dataset.Name}' has no timestamps; the {split} needs them. Use the random holdout instead.", nameof(dataset));
        }
    }
}
