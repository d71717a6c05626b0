using System.Diagnostics;
using LiveGraphRec.Client.Commands;
using LiveGraphRec.Core.Data;
using Spectre.Console;

namespace LiveGraphRec.Client.Presentation;

/// <summary>Loads the data set named by the settings and tells the user what was skipped or filtered.</summary>
public static class DatasetReading
{
    public static Dataset Load(IAnsiConsole console, DataSettings settings) => Load(console, settings.Data, settings.LoadOptions());

    public static Dataset Load(IAnsiConsole console, string path, DatasetLoadOptions options)
    {
        var clock = Stopwatch.StartNew();
        Dataset dataset = DatasetLoader.Load(path, options);
        console.MarkupLineInterpolated($"[grey]Loaded {dataset.Name} in {clock.Elapsed.TotalMilliseconds:N0} ms[/]");
        foreach (LoadReport report in dataset.Reports)
        {
            if (report.FilteredOut > 0)
            {
                console.MarkupLineInterpolated($"[yellow]{report.Source}: {report.FilteredOut:N0} records left out by the filter (--min-rating)[/]");
            }
            if (report.DuplicateEvents > 0)
            {
                console.MarkupLineInterpolated($"[yellow]{report.Source}: {report.DuplicateEvents:N0} records repeat an earlier event id; the first of each was kept[/]");
            }
            if (report.SkippedInvalid > 0)
            {
                console.MarkupLineInterpolated($"[yellow]{report.Source}: skipped {report.SkippedInvalid:N0} invalid lines; first ones:[/]");
                foreach (string error in report.SampleErrors)
                {
                    console.MarkupLineInterpolated($"[yellow]  {error}[/]");
                }
            }
        }
        return dataset;
    }
}
