using LiveGraphRec.Grains.Nodes;

namespace LiveGraphRec.Grains.Tests;

public sealed class CorrectionTargetsTests
{
    [Theory]
    [InlineData(1, 8)]
    [InlineData(2, 3)]
    [InlineData(3, 50)]
    public void PicksWhatSortingEveryNeighbourWouldPick(int seed, int fanOut)
    {
        var random = new Random(seed);
        var neighbours = new Dictionary<string, Edge>();
        for (int n = 0; n < 40; n++)
        {
            // Few distinct times and two versions, so ties and skipped edges occur.
            neighbours[$"n{n}"] = new Edge { LastAt = DateTimeOffset.UnixEpoch.AddMinutes(random.Next(6)), OwnVersion = random.Next(2) };
        }
        var handed = neighbours.Keys.Where(_ => random.Next(4) == 0).ToHashSet();

        var sorted = neighbours.Where(pair => pair.Value.OwnVersion == 1)
            .OrderByDescending(pair => handed.Contains(pair.Key))
            .ThenByDescending(pair => pair.Value.LastAt)
            .Take(fanOut)
            .Select(pair => pair.Key);

        Assert.Equal(sorted, CorrectionTargets.Select(neighbours, version: 1, handed.Contains, fanOut));
    }
}
