namespace LiveGraphRec.Grains;

/// <summary>Rejects <see cref="GraphOptions"/> outside their working ranges, naming the setting.</summary>
public sealed class GraphOptionsValidator : IValidateOptions<GraphOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphOptions options)
    {
        var failures = new List<string>();
        void Check(bool valid, string setting, string rule)
        {
            if (!valid)
            {
                failures.Add($"{GraphOptions.Section}:{setting} {rule}.");
            }
        }
        Check(options.Dimension is >= 1 and <= 4_096, nameof(options.Dimension), "must be between 1 and 4096");
        Check(options.Layers is >= 1 and <= 8, nameof(options.Layers), "must be between 1 and 8");
        Check(options.OnlineLayers >= 0 && options.OnlineLayers <= options.Layers, nameof(options.OnlineLayers), "must be between 0 (all) and Layers");
        Check(options.MaxNeighbours is >= 1 and <= 100_000, nameof(options.MaxNeighbours), "must be between 1 and 100000");
        Check(options.CorrectionFanOut >= 0, nameof(options.CorrectionFanOut), "must not be negative");
        Check(options.CorrectionThreshold is >= 0 and < 1, nameof(options.CorrectionThreshold), "must be at least 0 and below 1");
        Check(options.TrainedDegreeWeight is >= 0 and <= 1, nameof(options.TrainedDegreeWeight), "must be between 0 and 1");
        Check(options.RecentEventIds is >= 1 and <= 1_000_000, nameof(options.RecentEventIds), "must be between 1 and 1000000");
        Check(options.FlushInterval > TimeSpan.Zero, nameof(options.FlushInterval), "must be positive");
        Check(options.CorrectionWriteDelay >= TimeSpan.Zero, nameof(options.CorrectionWriteDelay), "must not be negative");
        Check(options.CommitDelay > TimeSpan.Zero && options.CommitDelay <= TimeSpan.FromMinutes(1), nameof(options.CommitDelay), "must be positive and at most a minute");
        Check(options.IndexPersistInterval > TimeSpan.Zero, nameof(options.IndexPersistInterval), "must be positive");
        Check(options.IndexShards is >= 1 and <= 4_096, nameof(options.IndexShards), "must be between 1 and 4096");
        Check(options.IndexRefreshInterval > TimeSpan.Zero, nameof(options.IndexRefreshInterval), "must be positive");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
