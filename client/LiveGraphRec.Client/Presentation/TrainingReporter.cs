using LiveGraphRec.Training.Trainer;
using Spectre.Console;

namespace LiveGraphRec.Client.Presentation;

/// <summary>A progress bar over each epoch's batches, and one line per epoch with loss, speed, metrics and memory.</summary>
public sealed class TrainingReporter(IAnsiConsole console)
{
    /// <summary>Runs <paramref name="train"/> with a live bar on a terminal, or a line per tenth of an epoch in a log.</summary>
    public TrainingResult Run(Func<IProgress<BatchProgress>, TrainingResult> train) =>
        console.Profile.Capabilities.Interactive ? RunWithBar(train) : train(new CallbackProgress(ReportTenths));

    private void ReportTenths(BatchProgress p)
    {
        int tenth = p.BatchesPerEpoch / 10;
        if (tenth > 0 && p.Batch % tenth == 0 && p.Batch < p.BatchesPerEpoch)
        {
            console.MarkupLineInterpolated($"[grey]epoch {p.Epoch}: {p.Batch}/{p.BatchesPerEpoch} batches, loss {p.MeanLoss:0.0000}, {p.BatchesPerSecond:0.0} batch/s[/]");
        }
    }

    private TrainingResult RunWithBar(Func<IProgress<BatchProgress>, TrainingResult> train) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask? task = null;
                var progress = new CallbackProgress(p =>
                {
                    if (task is null || p.Batch == 1)
                    {
                        task?.StopTask();
                        task = context.AddTask($"epoch {p.Epoch}", maxValue: p.BatchesPerEpoch);
                    }
                    task.Value = p.Batch;
                    task.Description = $"epoch {p.Epoch} loss {p.MeanLoss:0.0000} {p.BatchesPerSecond:0.0} batch/s";
                });
                return train(progress);
            });

    public void OnEpoch(EpochReport report)
    {
        string metrics = report.Metrics is { } m
            ? string.Join(" ", m.ByK.Select(k => $"recall@{k.K} {k.Recall:0.0000} ndcg@{k.K} {k.Ndcg:0.0000}")) + $" (eval {report.EvaluationTime.TotalSeconds:0.0} s)"
            : "";
        if (report.LastIterateMetrics is { } last)
        {
            metrics += " last iterate " + string.Join(" ", last.ByK.Select(k => $"recall@{k.K} {k.Recall:0.0000} ndcg@{k.K} {k.Ndcg:0.0000}"));
        }
        if (report.MaskKeptShare is { } kept)
        {
            metrics += $" masks keep {kept:P1} of edges";
        }
        console.MarkupLineInterpolated(
            $"epoch {report.Epoch,4}: loss {report.MeanLoss:0.00000} (bpr {report.MeanRankingLoss:0.00000}) train {report.TrainTime.TotalSeconds:0.0} s {metrics}{(report.IsBest ? " *" : "")} rss {report.ProcessMemoryBytes / 1048576:N0} MB");
    }

    /// <summary>Reports on the training thread itself; Progress&lt;T&gt; would post to the thread pool and reorder updates.</summary>
    private sealed class CallbackProgress(Action<BatchProgress> report) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) => report(value);
    }
}
