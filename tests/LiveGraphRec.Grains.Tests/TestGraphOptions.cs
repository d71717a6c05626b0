namespace LiveGraphRec.Grains.Tests;

/// <summary>Graph settings for the tests: the test model's shape and short periods so changes show quickly.</summary>
internal static class TestGraphOptions
{
    public static readonly Dictionary<string, string?> Settings = new()
    {
        [$"{GraphOptions.Section}:{nameof(GraphOptions.Dimension)}"] = TwoCommunityModel.Dimension.ToString(),
        [$"{GraphOptions.Section}:{nameof(GraphOptions.Layers)}"] = "2",
        [$"{GraphOptions.Section}:{nameof(GraphOptions.FlushInterval)}"] = "00:00:00.100",
        [$"{GraphOptions.Section}:{nameof(GraphOptions.IndexShards)}"] = "3",
        [$"{GraphOptions.Section}:{nameof(GraphOptions.IndexRefreshInterval)}"] = "00:00:00.050",
    };
}
