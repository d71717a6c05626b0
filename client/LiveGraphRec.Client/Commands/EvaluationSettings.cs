using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveGraphRec.Client.Commands;

/// <summary>Options of commands that evaluate a model on the test split.</summary>
public class EvaluationSettings : SplitSettings
{
    [CommandOption("-k|--cutoff <K>")]
    [Description("Cutoff K of Recall/NDCG/Precision/HitRate@K; repeat for several (--k 10 --k 20).")]
    public int[] Ks { get; init; } = [20];

    public override ValidationResult Validate()
    {
        ValidationResult split = base.Validate();
        if (!split.Successful)
        {
            return split;
        }
        return Ks.Length == 0 || Ks.Any(k => k < 1)
            ? ValidationResult.Error($"--k: every cutoff must be at least 1 (got {string.Join(", ", Ks)}).")
            : ValidationResult.Success();
    }
}
