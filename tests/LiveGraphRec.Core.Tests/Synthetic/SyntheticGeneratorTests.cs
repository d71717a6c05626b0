using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Synthetic;

namespace LiveGraphRec.Core.Tests.Synthetic;

public class SyntheticGeneratorTests
{
    private static readonly SyntheticOptions Small = new() { Users = 500, Items = 300, Interactions = 10_000, Seed = 11 };

    [Fact]
    public void Generates_the_requested_shape_in_time_order()
    {
        Dataset data = SyntheticGenerator.Generate(Small);

        Assert.Equal(10_000, data.Train.Length);
        Assert.Empty(data.Test);
        Assert.True(data.HasTimestamps);
        Assert.Equal(("u0", "u499", "i0", "i299"), (data.Users[0], data.Users[499], data.Items[0], data.Items[299]));
        Assert.All(data.Train, x => Assert.InRange(x.Item, 0, 299));
        long start = Small.Start.ToUnixTimeSeconds();
        Assert.InRange(data.Train[0].Timestamp, start, start + (long)Small.TimeSpan.TotalSeconds);
        Assert.InRange(data.Train[^1].Timestamp, start, start + (long)Small.TimeSpan.TotalSeconds);
        Assert.True(data.Train.Zip(data.Train.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp));
    }

    [Fact]
    public void Same_seed_gives_the_same_data()
    {
        Assert.Equal(SyntheticGenerator.Generate(Small).Train, SyntheticGenerator.Generate(Small).Train);
        Assert.NotEqual(SyntheticGenerator.Generate(Small).Train, SyntheticGenerator.Generate(Small with { Seed = 12 }).Train);
    }

    [Fact]
    public void Item_popularity_is_heavy_tailed()
    {
        Dataset data = SyntheticGenerator.Generate(Small);

        int[] degrees = data.Train.CountBy(x => x.Item).Select(p => p.Value).OrderDescending().ToArray();
        double topTenPercentShare = degrees.Take(30).Sum() / (double)data.Train.Length;
        Assert.InRange(topTenPercentShare, 0.35, 0.8);
    }

    [Fact]
    public void Without_drift_a_fully_affine_user_stays_in_one_community_and_with_drift_spans_two()
    {
        var options = new SyntheticOptions
        {
            Users = 50, Items = 100, Communities = 10, Interactions = 20_000, CommunityAffinity = 1, PopularityExponent = 0,
        };

        int[] stable = DistinctItemsPerUser(SyntheticGenerator.Generate(options));
        int[] drifting = DistinctItemsPerUser(SyntheticGenerator.Generate(options with { DriftFraction = 1 }));

        // A community holds 10 items; with ~400 uniform picks per user each one is seen.
        Assert.All(stable, count => Assert.Equal(10, count));
        Assert.True(drifting.Count(count => count > 10) > 40);
        Assert.All(drifting, count => Assert.InRange(count, 10, 20));
    }

    [Fact]
    public void Item_neighbours_beat_popularity_by_far()
    {
        Dataset split = DatasetSplitter.RandomHoldout(SyntheticGenerator.Generate(Small), testFraction: 0.2, seed: 1);

        double popularity = RecallAt20(split, PopularityScorer(split));
        double neighbours = RecallAt20(split, CoOccurrenceScorer(split));

        Assert.True(neighbours >= 2 * popularity, $"co-occurrence recall@20 {neighbours:F3}, popularity {popularity:F3}");
    }

    [Fact]
    public void Generates_a_million_interactions_in_range_and_in_time_order()
    {
        // Scale, not speed: timings belong to benchmarks, not to tests on a shared machine.
        var options = new SyntheticOptions { Users = 100_000, Items = 50_000, Interactions = 1_000_000, Communities = 50 };

        Dataset data = SyntheticGenerator.Generate(options);

        Assert.Equal(1_000_000, data.Train.Length);
        Assert.All(data.Train, e => Assert.True(e.User is >= 0 and < 100_000 && e.Item is >= 0 and < 50_000));
        Assert.True(data.Train.Zip(data.Train.Skip(1)).All(pair => pair.First.Timestamp <= pair.Second.Timestamp));
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticGenerator.Generate(Small with { Communities = 301 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticGenerator.Generate(Small with { CommunityAffinity = 1.5 }));
    }

    private static int[] DistinctItemsPerUser(Dataset data) =>
        data.Train.GroupBy(x => x.User).Select(g => g.Select(x => x.Item).Distinct().Count()).ToArray();

    private static Func<HashSet<int>, double[]> PopularityScorer(Dataset split)
    {
        var degree = new double[split.ItemCount];
        foreach (var (_, item) in split.Train.Select(x => (x.User, x.Item)).Distinct())
        {
            degree[item]++;
        }
        return _ => degree;
    }

    /// <summary>Scores an item by how many users it shares with each of the user's items, summed.</summary>
    private static Func<HashSet<int>, double[]> CoOccurrenceScorer(Dataset split)
    {
        var together = new double[split.ItemCount, split.ItemCount];
        foreach (HashSet<int> items in TrainItemsByUser(split).Values)
        {
            foreach (int a in items)
            {
                foreach (int b in items)
                {
                    together[a, b]++;
                }
            }
        }
        return seen =>
        {
            var scores = new double[split.ItemCount];
            foreach (int a in seen)
            {
                for (int b = 0; b < scores.Length; b++)
                {
                    scores[b] += together[a, b];
                }
            }
            return scores;
        };
    }

    /// <summary>Mean over test users of the share of their test items found in the top 20 unseen items.</summary>
    private static double RecallAt20(Dataset split, Func<HashSet<int>, double[]> score)
    {
        Dictionary<int, HashSet<int>> train = TrainItemsByUser(split);
        return split.Test.GroupBy(x => x.User).Average(test =>
        {
            HashSet<int> seen = train[test.Key];
            double[] scores = score(seen);
            var top = Enumerable.Range(0, split.ItemCount).Where(i => !seen.Contains(i))
                .OrderByDescending(i => scores[i]).Take(20).ToHashSet();
            var relevant = test.Select(x => x.Item).ToHashSet();
            return relevant.Count(top.Contains) / (double)relevant.Count;
        });
    }

    private static Dictionary<int, HashSet<int>> TrainItemsByUser(Dataset split) =>
        split.Train.GroupBy(x => x.User).ToDictionary(g => g.Key, g => g.Select(x => x.Item).ToHashSet());
}
