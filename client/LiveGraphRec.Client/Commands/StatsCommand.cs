using LiveGraphRec.Client.Presentation;
using LiveGraphRec.Core.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveGraphRec.Client.Commands;

/// <summary><c>lgr stats</c>: the size and shape of a data set.</summary>
public sealed class StatsCommand(IAnsiConsole console) : Command<DataSettings>
{
    public override int Execute(CommandContext context, DataSettings settings, CancellationToken cancellationToken)
    {
        Dataset dataset = DatasetReading.Load(console, settings);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        DatasetStatistics s = DatasetStatistics.Compute(dataset);
        console.MarkupLineInterpolated($"[grey]Built the graph and its statistics in {clock.Elapsed.TotalMilliseconds:N0} ms[/]");
        var table = new Table().Border(TableBorder.Rounded).AddColumn("statistic").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("users", $"{s.Users:N0}");
        table.AddRow("items", $"{s.Items:N0}");
        table.AddRow("interactions", $"{s.TrainInteractions + s.TestInteractions:N0}");
        if (s.TestInteractions > 0)
        {
            table.AddRow("  train", $"{s.TrainInteractions:N0}");
            table.AddRow("  test", $"{s.TestInteractions:N0}");
        }
        table.AddRow("distinct train pairs", $"{s.DistinctTrainPairs:N0}");
        table.AddRow("repeated train pairs (merged)", $"{s.DuplicateTrainPairs:N0}");
        table.AddRow("density (train)", $"{s.Density:0.000000}");
        table.AddRow("user degree min/p50/p90/p99/max (mean)", Describe(s.UserDegrees));
        table.AddRow("item degree min/p50/p90/p99/max (mean)", Describe(s.ItemDegrees));
        table.AddRow("time span", s.FirstEvent is { } first && s.LastEvent is { } last
            ? $"{first:yyyy-MM-dd HH:mm} → {last:yyyy-MM-dd HH:mm} UTC ({(last - first).TotalDays:N0} days)"
            : "no timestamps");
        console.Write(table);
        return 0;
    }

    private static string Describe(DegreeSummary d) => $"{d.Min}/{d.P50}/{d.P90}/{d.P99}/{d.Max} ({d.Mean:0.0})";
}
