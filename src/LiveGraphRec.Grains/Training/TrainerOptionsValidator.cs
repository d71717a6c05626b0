namespace LiveGraphRec.Grains.Training;

/// <summary>Rejects <see cref="TrainerOptions"/> outside their working ranges, naming the setting.</summary>
public sealed class TrainerOptionsValidator : IValidateOptions<TrainerOptions>
{
    public ValidateOptionsResult Validate(string? name, TrainerOptions options)
    {
        var failures = new List<string>();
        void Check(bool valid, string setting, string rule)
        {
            if (!valid)
            {
                failures.Add($"{TrainerOptions.Section}:{setting} {rule}.");
            }
        }
        Check(options.Interval >= TimeSpan.Zero, nameof(options.Interval), "must not be negative (0 turns the schedule off)");
        Check(options.EventThreshold >= 0, nameof(options.EventThreshold), "must not be negative (0 turns it off)");
        Check(options.CheckPeriod >= TimeSpan.FromMinutes(1), nameof(options.CheckPeriod), "must be at least one minute (the Orleans reminder minimum)");
        Check(!string.IsNullOrWhiteSpace(options.ModelFolder), nameof(options.ModelFolder), "is required");
        Check(options.MinEvents >= 1, nameof(options.MinEvents), "must be at least 1");
        Check(!string.IsNullOrWhiteSpace(options.Model), nameof(options.Model), "is required");
        Check(!string.IsNullOrWhiteSpace(options.Sampler), nameof(options.Sampler), "is required");
        Check(options.Candidates >= 1, nameof(options.Candidates), "must be at least 1");
        Check(options.Negatives >= 1, nameof(options.Negatives), "must be at least 1");
        Check(options.Epochs is >= 1 and <= 10_000, nameof(options.Epochs), "must be between 1 and 10000");
        Check(options.BatchSize >= 1, nameof(options.BatchSize), "must be at least 1");
        Check(options.LearningRate > 0 && double.IsFinite(options.LearningRate), nameof(options.LearningRate), "must be positive");
        Check(options.Decay >= 0 && double.IsFinite(options.Decay), nameof(options.Decay), "must not be negative");
        Check(options.Patience >= 1, nameof(options.Patience), "must be at least 1");
        Check(options.Threads is >= 1 and <= 1_024, nameof(options.Threads), "must be between 1 and 1024");
        Check(!string.IsNullOrWhiteSpace(options.Device), nameof(options.Device), "is required");
        Check(options.ValidationFraction is > 0 and < 0.5, nameof(options.ValidationFraction), "must be above 0 and below 0.5");
        Check(options.ValidationK is >= 1 and <= 1_000, nameof(options.ValidationK), "must be between 1 and 1000");
        Check(options.Tolerance is >= 0 and <= 1, nameof(options.Tolerance), "must be between 0 and 1");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
