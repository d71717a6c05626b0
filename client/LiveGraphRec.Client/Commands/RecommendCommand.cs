using System.ComponentModel;
using LiveGraphRec.Client.Http.Models;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveGraphRec.Client.Commands;

/// <summary><c>lgr recommend</c>: a user's recommendations from a running cluster.</summary>
public sealed class RecommendCommand(IAnsiConsole console) : AsyncCommand<RecommendCommand.Settings>
{
    public sealed class Settings : ClusterSettings
    {
        [CommandOption("-u|--user <ID>")]
        [Description("The user.")]
        public string User { get; init; } = "";

        [CommandOption("-k|--count <K>")]
        [Description("How many items.")]
        [DefaultValue(20)]
        public int Count { get; init; } = 20;

        [CommandOption("--include-seen")]
        [Description("Also rank items the user already interacted with.")]
        public bool IncludeSeen { get; init; }

        [CommandOption("--candidates <IDS>")]
        [Description("Comma-separated item ids to rank instead of the whole catalog.")]
        public string? Candidates { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(User))
            {
                return ValidationResult.Error("--user is required.");
            }
            return Count < 1 ? ValidationResult.Error($"--k: {Count} must be at least 1.") : base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var client = settings.CreateClient();
        string[]? candidates = settings.Candidates?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Recommendations result = await client.GetRecommendationsAsync(settings.User, settings.Count, !settings.IncludeSeen, candidates, cancellationToken);
        var table = new Table().AddColumns("rank", "item", "score");
        for (int rank = 0; rank < result.Items.Count; rank++)
        {
            table.AddRow((rank + 1).ToString(), Markup.Escape(result.Items[rank].ItemId), result.Items[rank].Score.ToString("0.0000"));
        }
        console.Write(table);
        string source = result.Source == Recommendations.PopularitySource
            ? "popularity (the model cannot rank this user yet; scores are item degrees)"
            : "the model";
        console.MarkupLineInterpolated(
            $"[grey]user {result.UserId}: ranked by {source}; model version {result.ModelVersion}, last event {result.LastEventAt?.ToString("u") ?? "none"}; index version {result.IndexVersion}, updated {result.IndexUpdatedAt:u}[/]");
        return 0;
    }
}
