using System.ComponentModel;
using System.Globalization;
using System.Text;
using LiveGraphRec.Client.Benchmarks;
using LiveGraphRec.Client.Presentation;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.IO;
using LiveGraphRec.Core.Metrics;
using LiveGraphRec.Training.Trainer;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveGraphRec.Client.Commands;

/// <summary>
/// <c>lgr bench ablation</c>: trains each row of the methods ablation with the same epoch budget and writes the
/// markdown table (Recall/NDCG at the largest K, seconds per training epoch, the paper's figure where known).
/// The table is rewritten after every evaluation, so an interrupted run keeps what it finished; with
/// <c>--eval-every</c> each row also reports its intermediate evaluations, which is what lets a run under a wall-clock
/// limit still give every row the same (smaller) epoch budget.
/// </summary>
public sealed class AblationCommand(IAnsiConsole console) : Command<AblationCommand.Settings>
{
    public sealed class Settings : TrainingSettings
    {
        [CommandOption("--rows <NAMES>")]
        [Description("Comma-separated rows (default: all): lightgcn-rns, lightgcn-dns, lightgcn-mixgcf, mixgcf-no-positive, mixgcf-l1, mixgcf-l2, mixgcf-m8, mixgcf-m16, mixgcf-m32, slightgcn, ngcf-rns, ngcf-mixgcf, lightgcn-pinsage, hashgnn, hashgnn-w0.1.")]
        public string Rows { get; init; } = "";

        [CommandOption("--epochs <N>")]
        [Description("Training epochs of every row (the same budget for each); evaluated once at the end.")]
        [DefaultValue(2)]
        public int Epochs { get; init; } = 2;

        [CommandOption("--noise <SHARE>")]
        [Description("Share of random edges added to the training graph; repeat for a robustness sweep (--noise 0 --noise 0.1 --noise 0.2).")]
        public double[] Noise { get; init; } = [0];

        [CommandOption("--eval-every <E>")]
        [Description("Also evaluate every E epochs, one table line per evaluation (default: only after the last epoch).")]
        public int? EvaluateEvery { get; init; }

        [CommandOption("-o|--out <FILE>")]
        [Description("Markdown file of the table.")]
        public string Out { get; init; } = "";

        public override ValidationResult Validate()
        {
            ValidationResult methods = base.Validate();
            if (!methods.Successful)
            {
                return methods;
            }
            if (string.IsNullOrWhiteSpace(Out))
            {
                return ValidationResult.Error("--out is required.");
            }
            if (Epochs < 1)
            {
                return ValidationResult.Error($"--epochs: {Epochs} must be at least 1.");
            }
            if (EvaluateEvery is { } every && (every < 1 || every > Epochs))
            {
                return ValidationResult.Error($"--eval-every: {every} must be between 1 and --epochs ({Epochs}).");
            }
            if (Noise.Any(n => !(n >= 0 && n <= 1)))
            {
                return ValidationResult.Error($"--noise: every share must be in [0, 1] (got {string.Join(", ", Noise)}).");
            }
            try
            {
                AblationRows.Select(Rows);
                BaseOptions().Validate();
                return ValidationResult.Success();
            }
            catch (ArgumentException e)
            {
                return ValidationResult.Error(e.Message);
            }
        }

        public TrainingOptions BaseOptions() => ApplyMethods(new TrainingOptions
        {
            Dimension = Dimension, Layers = Layers, Epochs = Epochs, BatchSize = BatchSize, LearningRate = LearningRate,
            EvaluateEvery = EvaluateEvery ?? Epochs, Patience = int.MaxValue, Ks = Ks, Seed = Seed, Threads = Threads ?? Environment.ProcessorCount, Device = Device,
        });
    }

    private sealed record Line(string Row, string Description, double Noise, int Epochs, MetricsAtK? Metrics, double SecondsPerEpoch, PaperFigure? Paper);

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (dataset, splitName) = settings.ApplySplit(DatasetReading.Load(console, settings));
        var clean = SplitGraphs.Build(dataset);
        AblationRow[] rows = AblationRows.Select(settings.Rows);
        TrainingOptions baseOptions = settings.BaseOptions();
        int k = baseOptions.SelectionK;
        // The papers' figures are for the LightGCN Gowalla split; beside other data they would mislead.
        bool isGowalla = dataset.UserCount == 29_858 && dataset.ItemCount == 40_981 && k == 20;
        var lines = new List<Line>();
        void Add(Line line)
        {
            lines.Add(line);
            string table = Render(settings, splitName, dataset.Train.Length, lines, k);
            AtomicFile.Write(settings.Out, stream => stream.Write(Encoding.UTF8.GetBytes(table)));
        }
        foreach (double noise in settings.Noise)
        {
            SplitGraphs graphs = noise > 0 ? EdgeNoise.AddRandomEdges(clean, noise, settings.Seed) : clean;
            foreach (AblationRow row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                TrainingOptions options = row.Configure(baseOptions);
                console.MarkupLineInterpolated($"[bold]{row.Name}[/] ({row.Description}), noise {noise:0.##}: {settings.Epochs} epoch(s)");
                try
                {
                    RunRow(row, options, graphs, noise, isGowalla, settings, k, Add, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One failed row (e.g. a libtorch error) should not cost the rows already trained or still to come.
                    console.MarkupLineInterpolated($"[red]{row.Name} failed:[/] {e.Message}");
                    Add(new Line(row.Name, $"{row.Description} — failed: {e.Message.Split('\n')[0].Trim()}", noise, 0, null, double.NaN, null));
                }
            }
        }
        console.WriteLine(Render(settings, splitName, dataset.Train.Length, lines, k));
        console.MarkupLineInterpolated($"Table written to {settings.Out}");
        return lines.Any(l => l.Metrics is null) ? CommandLine.InternalError : 0;
    }

    /// <summary>Trains one row, adding a line per evaluation (and, for a hashing row, its codes' lines beside each).</summary>
    private void RunRow(AblationRow row, TrainingOptions options, SplitGraphs graphs, double noise, bool isGowalla,
        Settings settings, int k, Action<Line> add, CancellationToken cancellationToken)
    {
        using var trainer = new GraphTrainer(graphs, options);
        var epochSeconds = new List<double>();
        var reporter = new TrainingReporter(console);
        PaperFigure? paper = noise == 0 && isGowalla ? row.Gowalla : null;
        reporter.Run(progress => trainer.Train(null, false, progress, report =>
        {
            epochSeconds.Add(report.TrainTime.TotalSeconds);
            reporter.OnEpoch(report);
            if (report.Metrics is not { } metrics)
            {
                return;
            }
            double perEpoch = epochSeconds.Average();
            add(new Line(row.Name, row.Description, noise, report.Epoch, metrics.At(k), perEpoch, paper));
            if (row.Hashing)
            {
                var factors = trainer.FinalEmbeddings();
                var codes = trainer.HashCodes(factors)!.Value;
                HashRetrievalReport hash = HashRetrievalEvaluator.Evaluate(codes.Users, codes.Items, factors, graphs, [k], settings.HashCandidates, options.Threads);
                add(new Line(row.Name, $"{options.HashBits}-bit codes, Hamming ranking", noise, report.Epoch, hash.Hamming.At(k), perEpoch, null));
                add(new Line(row.Name, $"{options.HashBits}-bit codes, hierarchical ({settings.HashCandidates} re-ranked)", noise, report.Epoch, hash.Hierarchical.At(k), perEpoch, null));
            }
        }, null, cancellationToken));
    }

    private static string Render(Settings settings, string splitName, int trainInteractions, List<Line> lines, int k)
    {
        var text = new StringBuilder();
        CultureInfo invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"<!-- generated by lgr bench ablation on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC -->");
        text.AppendLine(invariant, $"Data: `{settings.Data}` ({trainInteractions:N0} training interactions, split: {splitName}); " +
            $"{settings.Epochs} epoch(s) per row, d = {settings.Dimension}, {settings.Layers} layers, batch {settings.BatchSize}, lr {settings.LearningRate}, seed {settings.Seed}; " +
            $"{Environment.ProcessorCount} logical CPUs, {settings.Threads ?? Environment.ProcessorCount} threads.");
        text.AppendLine();
        text.AppendLine(invariant, $"| row | configuration | noise | epochs | Recall@{k} | NDCG@{k} | s/epoch | paper Recall@20 (Gowalla) | paper NDCG@20 (Gowalla) | paper source |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (Line line in lines)
        {
            string paper = line.Paper is { } p ? $"{p.Recall:0.0000} | {p.Ndcg:0.0000} | {p.Source}" : "— | — | —";
            string measured = line.Metrics is { } m ? $"{m.Recall:0.0000} | {m.Ndcg:0.0000} | {line.SecondsPerEpoch:0.0}" : "— | — | —";
            text.AppendLine(invariant, $"| {line.Row} | {line.Description} | {line.Noise:0.##} | {line.Epochs} | {measured} | {paper} |");
        }
        return text.ToString();
    }
}
