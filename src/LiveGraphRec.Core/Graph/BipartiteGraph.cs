using LiveGraphRec.Core.Data;

namespace LiveGraphRec.Core.Graph;

/// <summary>
/// The user–item bipartite graph in CSR form in both directions, deduplicated, with each row sorted,
/// and the LightGCN symmetric normalization weight 1/sqrt(|N_u||N_i|) stored beside every edge.
/// </summary>
public sealed class BipartiteGraph
{
    private BipartiteGraph(int userCount, int itemCount, int[] userOffsets, int[] userItems,
        int[] itemOffsets, int[] itemUsers, long duplicatesRemoved)
    {
        UserCount = userCount;
        ItemCount = itemCount;
        UserOffsets = userOffsets;
        UserItems = userItems;
        ItemOffsets = itemOffsets;
        ItemUsers = itemUsers;
        DuplicatesRemoved = duplicatesRemoved;
        UserEdgeWeights = NormalizationWeights(userOffsets, userItems, itemOffsets);
        ItemEdgeWeights = NormalizationWeights(itemOffsets, itemUsers, userOffsets);
    }

    public int UserCount { get; }
    public int ItemCount { get; }
    public int EdgeCount => UserItems.Length;
    /// <summary>Repeated (user, item) pairs that were merged into one edge.</summary>
    public long DuplicatesRemoved { get; }

    /// <summary>Row offsets of the user→item CSR (length UserCount+1).</summary>
    public int[] UserOffsets { get; }
    public int[] UserItems { get; }
    /// <summary>1/sqrt(|N_u||N_i|) for each entry of <see cref="UserItems"/>.</summary>
    public float[] UserEdgeWeights { get; }
    public int[] ItemOffsets { get; }
    public int[] ItemUsers { get; }
    public float[] ItemEdgeWeights { get; }

    public ReadOnlySpan<int> ItemsOf(int user) => UserItems.AsSpan(UserOffsets[user], UserOffsets[user + 1] - UserOffsets[user]);
    public ReadOnlySpan<int> UsersOf(int item) => ItemUsers.AsSpan(ItemOffsets[item], ItemOffsets[item + 1] - ItemOffsets[item]);
    public int UserDegree(int user) => UserOffsets[user + 1] - UserOffsets[user];
    public int ItemDegree(int item) => ItemOffsets[item + 1] - ItemOffsets[item];

    public bool HasEdge(int user, int item) => ItemsOf(user).BinarySearch(item) >= 0;

    public static BipartiteGraph Build(int userCount, int itemCount, ReadOnlySpan<Interaction> interactions)
    {
        // Counting sort by user, then sort and deduplicate each row: O(E log d) with two passes.
        var counts = new int[userCount + 1];
        foreach (ref readonly Interaction x in interactions)
        {
            if ((uint)x.User >= (uint)userCount || (uint)x.Item >= (uint)itemCount)
            {
                throw new ArgumentOutOfRangeException(nameof(interactions),
                    $"Interaction ({x.User}, {x.Item}) is outside {userCount} users × {itemCount} items.");
            }
            counts[x.User + 1]++;
        }
        for (int u = 0; u < userCount; u++)
        {
            counts[u + 1] += counts[u];
        }
        var items = new int[interactions.Length];
        var cursor = counts.AsSpan(0, userCount).ToArray();
        foreach (ref readonly Interaction x in interactions)
        {
            items[cursor[x.User]++] = x.Item;
        }

        var userOffsets = new int[userCount + 1];
        int write = 0;
        for (int u = 0; u < userCount; u++)
        {
            Span<int> row = items.AsSpan(counts[u], counts[u + 1] - counts[u]);
            row.Sort();
            int rowStart = write;
            for (int k = 0; k < row.Length; k++)
            {
                if (k == 0 || row[k] != row[k - 1])
                {
                    items[write++] = row[k];
                }
            }
            userOffsets[u] = rowStart;
            userOffsets[u + 1] = write;
        }
        long duplicates = interactions.Length - write;
        Array.Resize(ref items, write);

        var (itemOffsets, itemUsers) = Transpose(userOffsets, items, itemCount);
        return new BipartiteGraph(userCount, itemCount, userOffsets, items, itemOffsets, itemUsers, duplicates);
    }

    /// <summary>CSR transpose; rows of the result come out sorted because sources are visited in order.</summary>
    private static (int[] Offsets, int[] Columns) Transpose(int[] offsets, int[] columns, int columnCount)
    {
        var outOffsets = new int[columnCount + 1];
        foreach (int c in columns)
        {
            outOffsets[c + 1]++;
        }
        for (int c = 0; c < columnCount; c++)
        {
            outOffsets[c + 1] += outOffsets[c];
        }
        var cursor = outOffsets.AsSpan(0, columnCount).ToArray();
        var outColumns = new int[columns.Length];
        for (int r = 0; r + 1 < offsets.Length; r++)
        {
            for (int k = offsets[r]; k < offsets[r + 1]; k++)
            {
                outColumns[cursor[columns[k]]++] = r;
            }
        }
        return (outOffsets, outColumns);
    }

    private static float[] NormalizationWeights(int[] offsets, int[] columns, int[] otherOffsets)
    {
        var weights = new float[columns.Length];
        for (int r = 0; r + 1 < offsets.Length; r++)
        {
            int degree = offsets[r + 1] - offsets[r];
            for (int k = offsets[r]; k < offsets[r + 1]; k++)
            {
                int c = columns[k];
                int otherDegree = otherOffsets[c + 1] - otherOffsets[c];
                weights[k] = (float)(1.0 / Math.Sqrt((double)degree * otherDegree));
            }
        }
        return weights;
    }
}
