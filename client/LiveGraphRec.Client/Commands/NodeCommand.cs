using System.ComponentModel;
using LiveGraphRec.Client.Http;
using LiveGraphRec.Client.Http.Models;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveGraphRec.Client.Commands;

/// <summary><c>lgr user ID</c> and <c>lgr item ID</c>: a node's adjacency, degree, version and embedding.</summary>
public abstract class NodeCommand(IAnsiConsole console) : AsyncCommand<NodeCommand.Settings>
{
    public sealed class Settings : ClusterSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("The user's or item's id.")]
        public string Id { get; init; } = "";

        [CommandOption("-n|--neighbours <N>")]
        [Description("How many of the most recent neighbours to list.")]
        [DefaultValue(20)]
        public int Neighbours { get; init; } = 20;

        public override ValidationResult Validate() =>
            Neighbours < 0 ? ValidationResult.Error($"--neighbours: {Neighbours} must not be negative.") : base.Validate();
    }

    protected abstract string Kind { get; }

    protected abstract Task<NodeProfile?> GetAsync(LiveGraphRecClient client, string id, CancellationToken cancellationToken);

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var client = settings.CreateClient();
        if (await GetAsync(client, settings.Id, cancellationToken) is not { } profile)
        {
            console.MarkupLineInterpolated($"[yellow]No {Kind} '{settings.Id}': it has neither interactions nor a published embedding.[/]");
            return CommandLine.NotFound;
        }
        console.MarkupLineInterpolated($"{Kind} [bold]{profile.Id}[/]: degree {profile.Degree:N0} online + {profile.TrainedDegree:N0} trained, embedding version {profile.EmbeddingVersion}, {profile.AppliedEvents:N0} events applied, last at {profile.LastEventAt?.ToString("u") ?? "never"}");
        console.MarkupLineInterpolated($"[grey]final embedding (first 8 of {profile.Embedding.Length}): {string.Join(" ", profile.Embedding.Take(8).Select(v => v.ToString("0.000")))}[/]");
        var table = new Table().AddColumns("neighbour", "last at", "weight", "interactions");
        foreach (Neighbour neighbour in profile.Neighbours.Take(settings.Neighbours))
        {
            table.AddRow(Markup.Escape(neighbour.Id), neighbour.LastAt.ToString("u"), neighbour.Weight.ToString("0.##"), neighbour.Interactions.ToString());
        }
        console.Write(table);
        if (profile.Neighbours.Count > settings.Neighbours)
        {
            console.MarkupLineInterpolated($"[grey]… {profile.Neighbours.Count - settings.Neighbours:N0} older neighbours not shown (--neighbours)[/]");
        }
        return 0;
    }
}

public sealed class UserCommand(IAnsiConsole console) : NodeCommand(console)
{
    protected override string Kind => "user";

    protected override Task<NodeProfile?> GetAsync(LiveGraphRecClient client, string id, CancellationToken cancellationToken) =>
        client.GetUserAsync(id, cancellationToken);
}

public sealed class ItemCommand(IAnsiConsole console) : NodeCommand(console)
{
    protected override string Kind => "item";

    protected override Task<NodeProfile?> GetAsync(LiveGraphRecClient client, string id, CancellationToken cancellationToken) =>
        client.GetItemAsync(id, cancellationToken);
}
