using LiveGraphRec.Core.Graph;

namespace LiveGraphRec.Core.Data;

/// <summary>Degree distribution summary: percentiles of the per-node interaction counts.</summary>
public sealed record DegreeSummary(int Min, int P50, int P90, int P99, int Max, double Mean)
{
    public static DegreeSummary Of(int[] degrees)
    {
        if (degrees.Length == 0)
        {
            return new DegreeSummary(0, 0, 0, 0, 0, 0);
        }
        var sorted = (int[])degrees.Clone();
        Array.Sort(sorted);
        // Nearest-rank percentile: the smallest value with at least p% of the nodes at or below it.
        int Percentile(double p) => sorted[Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
        return new DegreeSummary(sorted[0], Percentile(50), Percentile(90), Percentile(99), sorted[^1], sorted.Average());
    }
}

/// <summary>What <c>lgr stats</c> reports about a data set.</summary>
public sealed record DatasetStatistics(
    int Users,
    int Items,
    long TrainInteractions,
    long TestInteractions,
    long DistinctTrainPairs,
    long DuplicateTrainPairs,
    double Density,
    DegreeSummary UserDegrees,
    DegreeSummary ItemDegrees,
    DateTimeOffset? FirstEvent,
    DateTimeOffset? LastEvent)
{
    /// <summary>Counts on the deduplicated training graph; time span over train and test.</summary>
    public static DatasetStatistics Compute(Dataset dataset)
    {
        var graph = BipartiteGraph.Build(dataset.UserCount, dataset.ItemCount, dataset.Train);
        var userDegrees = new int[graph.UserCount];
        for (int u = 0; u < userDegrees.Length; u++)
        {
            userDegrees[u] = graph.UserDegree(u);
        }
        var itemDegrees = new int[graph.ItemCount];
        for (int i = 0; i < itemDegrees.Length; i++)
        {
            itemDegrees[i] = graph.ItemDegree(i);
        }
        DateTimeOffset? first = null, last = null;
        if (dataset.HasTimestamps && dataset.Train.Length + dataset.Test.Length > 0)
        {
            long min = long.MaxValue, max = long.MinValue;
            foreach (var x in dataset.Train.Concat(dataset.Test))
            {
                min = Math.Min(min, x.Timestamp);
                max = Math.Max(max, x.Timestamp);
            }
            first = DateTimeOffset.FromUnixTimeSeconds(min);
            last = DateTimeOffset.FromUnixTimeSeconds(max);
        }
        double cells = (double)graph.UserCount * graph.ItemCount;
        return new DatasetStatistics(
            dataset.UserCount, dataset.ItemCount, dataset.Train.Length, dataset.Test.Length,
            graph.EdgeCount, graph.DuplicatesRemoved, cells == 0 ? 0 : graph.EdgeCount / cells,
            DegreeSummary.Of(userDegrees), DegreeSummary.Of(itemDegrees), first, last);
    }
}
