using LiveGraphRec.Core.Metrics;
using Spectre.Console;

namespace LiveGraphRec.Client.Presentation;

/// <summary>Renders one row per (model, K) of ranking metrics.</summary>
public static class MetricsTable
{
    public static Table Create(IEnumerable<(string Model, MetricsReport Report)> rows)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("model").AddColumn(new TableColumn("K").RightAligned())
            .AddColumn(new TableColumn("Recall").RightAligned()).AddColumn(new TableColumn("NDCG").RightAligned())
            .AddColumn(new TableColumn("Precision").RightAligned()).AddColumn(new TableColumn("HitRate").RightAligned())
            .AddColumn(new TableColumn("test users").RightAligned());
        foreach (var (model, report) in rows)
        {
            foreach (MetricsAtK m in report.ByK)
            {
                table.AddRow(model, m.K.ToString(), $"{m.Recall:0.0000}", $"{m.Ndcg:0.0000}", $"{m.Precision:0.0000}",
                    $"{m.HitRate:0.0000}", $"{report.TestUsers:N0}");
            }
        }
        return table;
    }
}
