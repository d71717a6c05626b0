using LiveGraphRec.Core.Data;

namespace LiveGraphRec.Core.Synthetic;

/// <summary>
/// Generates an interaction log with the structure collaborative filtering exploits. Items and users are
/// spread evenly over communities at random; item popularity and user activity follow Zipf laws over random
/// rankings. Each event happens at a uniformly random moment of the time span; its user is drawn by activity,
/// and its item, with probability <see cref="SyntheticOptions.CommunityAffinity"/>, by popularity among the items
/// of the user's community at that moment, otherwise by popularity among all items. Drifting users switch to
/// another community once, at a random moment. The same options always give the same data set.
/// </summary>
public static class SyntheticGenerator
{
    /// <summary>
    /// A data set with ids "u0".., "i0".., all events in <see cref="Dataset.Train"/> in time order (Unix
    /// seconds) and an empty test side, for a split to divide.
    /// </summary>
    public static Dataset Generate(SyntheticOptions options)
    {
        options.Validate();
        var random = new Random(options.Seed);

        int[] itemCommunity = SpreadOverCommunities(options.Items, options.Communities, random);
        double[] itemPopularity = ZipfWeights(options.Items, options.PopularityExponent, random);
        var anyItem = new AliasTable(itemPopularity);
        CommunityPool[] pools = BuildPools(itemCommunity, itemPopularity, options.Communities);

        var activeUser = new AliasTable(ZipfWeights(options.Users, options.ActivityExponent, random));
        UserCommunity[] userCommunity = AssignUserCommunities(options, random);

        long[] times = SortedUniformTimes(options, random);
        var events = new Interaction[options.Interactions];
        for (int k = 0; k < events.Length; k++)
        {
            int user = activeUser.Sample(random);
            int item = random.NextDouble() < options.CommunityAffinity
                ? pools[userCommunity[user].At(times[k])].Sample(random)
                : anyItem.Sample(random);
            events[k] = new Interaction(user, item, times[k]);
        }
        return new Dataset("synthetic", PrefixedIds("u", options.Users), PrefixedIds("i", options.Items),
            events, [], HasTimestamps: true, Reports: []);
    }

    /// <summary>A community's items with an alias table over their popularity.</summary>
    private sealed class CommunityPool(int[] members, AliasTable popularity)
    {
        public int Sample(Random random) => members[popularity.Sample(random)];
    }

    private readonly record struct UserCommunity(int Home, int Later, long SwitchTime)
    {
        public int At(long time) => time < SwitchTime ? Home : Later;
    }

    /// <summary>Community of each of <paramref name="count"/> members: sizes differ by at most one, membership is random.</summary>
    private static int[] SpreadOverCommunities(int count, int communities, Random random)
    {
        var community = new int[count];
        for (int i = 0; i < count; i++)
        {
            community[i] = i % communities;
        }
        random.Shuffle(community);
        return community;
    }

    /// <summary>Weight 1/r^exponent for the member at rank r of a random ranking.</summary>
    private static double[] ZipfWeights(int count, double exponent, Random random)
    {
        int[] memberAtRank = Enumerable.Range(0, count).ToArray();
        random.Shuffle(memberAtRank);
        var weights = new double[count];
        for (int rank = 0; rank < count; rank++)
        {
            weights[memberAtRank[rank]] = Math.Pow(rank + 1, -exponent);
        }
        return weights;
    }

    private static CommunityPool[] BuildPools(int[] itemCommunity, double[] itemPopularity, int communities)
    {
        var members = new List<int>[communities];
        for (int c = 0; c < communities; c++)
        {
            members[c] = [];
        }
        for (int item = 0; item < itemCommunity.Length; item++)
        {
            members[itemCommunity[item]].Add(item);
        }
        return Array.ConvertAll(members, m =>
            new CommunityPool([.. m], new AliasTable(m.Select(item => itemPopularity[item]).ToArray())));
    }

    private static UserCommunity[] AssignUserCommunities(SyntheticOptions options, Random random)
    {
        int[] home = SpreadOverCommunities(options.Users, options.Communities, random);
        long start = options.Start.ToUnixTimeSeconds();
        var result = new UserCommunity[options.Users];
        for (int user = 0; user < options.Users; user++)
        {
            // A drift needs a community to drift to.
            bool drifts = options.Communities > 1 && random.NextDouble() < options.DriftFraction;
            if (!drifts)
            {
                result[user] = new UserCommunity(home[user], home[user], long.MaxValue);
                continue;
            }
            // Adding 1..C-1 modulo C reaches every other community with equal probability.
            int later = (home[user] + 1 + random.Next(options.Communities - 1)) % options.Communities;
            long switchTime = start + (long)(random.NextDouble() * options.TimeSpan.TotalSeconds);
            result[user] = new UserCommunity(home[user], later, switchTime);
        }
        return result;
    }

    private static long[] SortedUniformTimes(SyntheticOptions options, Random random)
    {
        long start = options.Start.ToUnixTimeSeconds();
        double spanSeconds = options.TimeSpan.TotalSeconds;
        var times = new long[options.Interactions];
        for (int k = 0; k < times.Length; k++)
        {
            times[k] = start + (long)(random.NextDouble() * spanSeconds);
        }
        Array.Sort(times);
        return times;
    }

    private static IdMap PrefixedIds(string prefix, int count)
    {
        var ids = new IdMap(count);
        for (int i = 0; i < count; i++)
        {
            ids.GetOrAdd(prefix + i);
        }
        return ids;
    }
}
