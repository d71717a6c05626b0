using System.ComponentModel;
using LiveGraphRec.Core.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveGraphRec.Client.Commands;

/// <summary>Options of commands that need a train/test split.</summary>
public class SplitSettings : DataSettings
{
    [CommandOption("--split <KIND>")]
    [Description("auto (the data set's test file if it has one, else random), file, random, temporal, last-n.")]
    [DefaultValue("auto")]
    public string Split { get; init; } = "auto";

    [CommandOption("--test-fraction <F>")]
    [Description("random: share of each user's items held out; temporal: share of the newest events.")]
    [DefaultValue(0.2)]
    public double TestFraction { get; init; } = 0.2;

    [CommandOption("--last-n <N>")]
    [Description("last-n: the newest N events of each user are the test set.")]
    [DefaultValue(1)]
    public int LastN { get; init; } = 1;

    [CommandOption("--seed <SEED>")]
    [Description("Seed of random splits and of anything else random.")]
    [DefaultValue(42)]
    public int Seed { get; init; } = 42;

    public override ValidationResult Validate()
    {
        ValidationResult data = base.Validate();
        if (!data.Successful)
        {
            return data;
        }
        if (Split is not ("auto" or "file" or "random" or "temporal" or "last-n"))
        {
            return ValidationResult.Error($"--split: '{Split}' is not one of auto, file, random, temporal, last-n.");
        }
        if (!(TestFraction > 0 && TestFraction < 1))
        {
            return ValidationResult.Error($"--test-fraction: {TestFraction} must lie strictly between 0 and 1.");
        }
        return LastN < 1 ? ValidationResult.Error($"--last-n: {LastN} must be at least 1.") : ValidationResult.Success();
    }

    /// <summary>Applies the chosen split and names it for reports.</summary>
    public (Dataset Dataset, string Description) ApplySplit(Dataset dataset) => Split switch
    {
        "file" => (DatasetSplitter.SourceTest(dataset), "the data set's test file"),
        "auto" when dataset.Test.Length > 0 => (dataset, "the data set's test file"),
        "auto" or "random" => (DatasetSplitter.RandomHoldout(dataset, TestFraction, Seed), $"random per-user holdout {TestFraction:0.##} (seed {Seed})"),
        "temporal" => (DatasetSplitter.TemporalCut(dataset, TestFraction), $"temporal cut, newest {TestFraction:0.##} of events"),
        "last-n" => (DatasetSplitter.LeaveLastN(dataset, LastN), $"newest {LastN} event(s) per user"),
        _ => throw new InvalidOperationException($"Unknown split '{Split}'."),
    };
}
