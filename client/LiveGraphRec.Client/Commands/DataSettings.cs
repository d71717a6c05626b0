using System.ComponentModel;
using LiveGraphRec.Core.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveGraphRec.Client.Commands;

/// <summary>Options shared by every command that reads a data set.</summary>
public class DataSettings : CommandSettings
{
    [CommandOption("-d|--data <PATH>")]
    [Description("Data set: a LightGCN folder (train.txt, test.txt), a MovieLens ratings.csv (or its folder), or an event file (.csv, .jsonl).")]
    public string Data { get; init; } = "";

    [CommandOption("--format <FORMAT>")]
    [Description("Override format detection: auto, lightgcn, movielens, event-csv, event-jsonl.")]
    [DefaultValue("auto")]
    public string Format { get; init; } = "auto";

    [CommandOption("--min-rating <RATING>")]
    [Description("MovieLens: keep only ratings ≥ this value as implicit feedback (default: every rating counts).")]
    public double? MinRating { get; init; }

    [CommandOption("--skip-invalid")]
    [Description("Skip malformed lines (counted and reported) instead of stopping at the first one.")]
    public bool SkipInvalid { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Data))
        {
            return ValidationResult.Error("--data is required.");
        }
        if (!File.Exists(Data) && !Directory.Exists(Data))
        {
            return ValidationResult.Error($"--data: '{Data}' does not exist.");
        }
        return ParseFormat(Format) is null
            ? ValidationResult.Error($"--format: '{Format}' is not one of auto, lightgcn, movielens, event-csv, event-jsonl.")
            : ValidationResult.Success();
    }

    public DatasetLoadOptions LoadOptions() =>
        new() { MinRating = MinRating, SkipInvalid = SkipInvalid, Format = ParseFormat(Format)!.Value };

    private static DatasetFormat? ParseFormat(string text) => text.ToLowerInvariant() switch
    {
        "auto" => DatasetFormat.Auto,
        "lightgcn" => DatasetFormat.LightGcn,
        "movielens" => DatasetFormat.MovieLens,
        "event-csv" => DatasetFormat.EventCsv,
        "event-jsonl" => DatasetFormat.EventJsonLines,
        _ => null,
    };
}
