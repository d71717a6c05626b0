using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Synthetic;

namespace LiveGraphRec.Core.Tests.Data;

public class DatasetSplitterTests
{
    private static readonly Dataset Synthetic = SyntheticGenerator.Generate(new SyntheticOptions
    {
        Users = 200,
        Items = 100,
        Interactions = 5_000,
        Seed = 7,
    });

    [Fact]
    public void SourceTest_keeps_the_sources_split()
    {
        Dataset withTest = Synthetic with { Train = Synthetic.Train[..4_000], Test = Synthetic.Train[4_000..] };

        Assert.Same(withTest, DatasetSplitter.SourceTest(withTest));
        Assert.Throws<ArgumentException>(() => DatasetSplitter.SourceTest(Synthetic));
    }

    [Fact]
    public void RandomHoldout_holds_out_a_rounded_fraction_of_each_users_distinct_items()
    {
        Dataset split = DatasetSplitter.RandomHoldout(Synthetic, testFraction: 0.2, seed: 1);

        AssertSameInteractions(Synthetic.Train, [.. split.Train, .. split.Test]);
        foreach (var user in Synthetic.Train.GroupBy(x => x.User))
        {
            int distinct = user.Select(x => x.Item).Distinct().Count();
            int expected = Math.Min((int)Math.Round(0.2 * distinct, MidpointRounding.AwayFromZero), distinct - 1);
            Assert.Equal(expected, split.Test.Where(x => x.User == user.Key).Select(x => x.Item).Distinct().Count());
        }
    }

    [Fact]
    public void RandomHoldout_never_puts_a_user_item_pair_on_both_sides()
    {
        Dataset split = DatasetSplitter.RandomHoldout(Synthetic, testFraction: 0.3, seed: 1);

        var trainPairs = split.Train.Select(x => (x.User, x.Item)).ToHashSet();
        Assert.DoesNotContain(split.Test, x => trainPairs.Contains((x.User, x.Item)));
    }

    [Fact]
    public void RandomHoldout_is_reproducible_for_a_seed()
    {
        Dataset first = DatasetSplitter.RandomHoldout(Synthetic, 0.2, seed: 5);
        Dataset again = DatasetSplitter.RandomHoldout(Synthetic, 0.2, seed: 5);
        Dataset other = DatasetSplitter.RandomHoldout(Synthetic, 0.2, seed: 6);

        Assert.Equal(first.Test, again.Test);
        Assert.Equal(first.Train, again.Train);
        Assert.NotEqual(first.Test, other.Test);
    }

    [Fact]
    public void RandomHoldout_leaves_a_single_interaction_in_train()
    {
        Dataset tiny = Tiny([new(0, 0, 10), new(1, 0, 10), new(1, 1, 20), new(1, 2, 30)]);

        Dataset split = DatasetSplitter.RandomHoldout(tiny, testFraction: 0.5, seed: 3);

        Assert.Contains(split.Train, x => x.User == 0);
        Assert.DoesNotContain(split.Test, x => x.User == 0);
        // round(0.5 · 3) = 2, half away from zero.
        Assert.Equal(2, split.Test.Count(x => x.User == 1));
    }

    [Fact]
    public void TemporalCut_puts_the_latest_events_in_test()
    {
        Dataset split = DatasetSplitter.TemporalCut(Synthetic, testFraction: 0.25);

        Assert.Equal(3_750, split.Train.Length);
        Assert.Equal(1_250, split.Test.Length);
        Assert.True(split.Train.Max(x => x.Timestamp) <= split.Test.Min(x => x.Timestamp));
        AssertSameInteractions(Synthetic.Train, [.. split.Train, .. split.Test]);
    }

    [Fact]
    public void TemporalCut_sorts_by_time_keeping_the_order_of_ties()
    {
        Dataset unsorted = Tiny([new(0, 0, 30), new(0, 1, 10), new(1, 2, 20), new(1, 0, 10), new(1, 1, 40)]);

        Dataset split = DatasetSplitter.TemporalCut(unsorted, testFraction: 0.4);

        Assert.Equal([new(0, 1, 10), new(1, 0, 10), new(1, 2, 20)], split.Train);
        Assert.Equal([new(0, 0, 30), new(1, 1, 40)], split.Test);
    }

    [Fact]
    public void LeaveLastN_picks_each_users_latest_events()
    {
        Dataset tiny = Tiny([new(0, 0, 50), new(0, 1, 10), new(0, 2, 40), new(0, 0, 20), new(1, 1, 5), new(1, 2, 6)]);

        Dataset split = DatasetSplitter.LeaveLastN(tiny, count: 2);

        Assert.Equal([new(0, 0, 50), new(0, 2, 40), new(1, 2, 6)], split.Test);
        Assert.Equal([new(0, 1, 10), new(0, 0, 20), new(1, 1, 5)], split.Train);
    }

    [Fact]
    public void LeaveLastN_on_generated_data_holds_out_n_per_user()
    {
        Dataset split = DatasetSplitter.LeaveLastN(Synthetic, count: 1);

        Assert.Equal(Synthetic.Train.Select(x => x.User).Distinct().Count(x => Synthetic.Train.Count(y => y.User == x) > 1), split.Test.Length);
        foreach (Interaction held in split.Test)
        {
            Assert.All(split.Train.Where(x => x.User == held.User), x => Assert.True(x.Timestamp <= held.Timestamp));
        }
    }

    [Fact]
    public void Temporal_splits_need_timestamps()
    {
        Dataset untimed = Synthetic with { HasTimestamps = false };

        var error = Assert.Throws<ArgumentException>(() => DatasetSplitter.TemporalCut(untimed, 0.2));
        Assert.Contains("has no timestamps", error.Message);
        Assert.Throws<ArgumentException>(() => DatasetSplitter.LeaveLastN(untimed, 1));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Fraction_must_lie_strictly_between_0_and_1(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetSplitter.RandomHoldout(Synthetic, fraction, seed: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetSplitter.TemporalCut(Synthetic, fraction));
    }

    [Fact]
    public void Resplitting_uses_train_and_test_together()
    {
        Dataset withTest = Synthetic with { Train = Synthetic.Train[..4_000], Test = Synthetic.Train[4_000..] };

        Dataset split = DatasetSplitter.TemporalCut(withTest, testFraction: 0.5);

        Assert.Equal(2_500, split.Test.Length);
    }

    private static Dataset Tiny(Interaction[] interactions) =>
        new("tiny", IdMap.Sequential(2), IdMap.Sequential(3), interactions, [], HasTimestamps: true, Reports: []);

    private static void AssertSameInteractions(Interaction[] expected, Interaction[] actual) =>
        Assert.Equal(expected.Order(ByAllFields), actual.Order(ByAllFields));

    private static readonly Comparer<Interaction> ByAllFields = Comparer<Interaction>.Create((a, b) =>
        (a.User, a.Item, a.Timestamp, a.Weight).CompareTo((b.User, b.Item, b.Timestamp, b.Weight)));
}
