using LiveGraphRec.Client.Commands;
using LiveGraphRec.Client.Http;
using Polly.Timeout;
using LiveGraphRec.Core.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveGraphRec.Client;

/// <summary>The <c>lgr</c> command tree and how its failures reach the user.</summary>
public static class CommandLine
{
    /// <summary>Exit code for bad input: arguments, data files, embedding files.</summary>
    public const int InputError = 2;
    /// <summary>Exit code for anything unexpected (printed with its stack trace).</summary>
    public const int InternalError = 1;
    /// <summary>Exit code when the cluster could not be reached or answered with an error (or a load test saw errors).</summary>
    public const int ServiceError = 3;
    /// <summary>Exit code when a looked-up user or item does not exist.</summary>
    public const int NotFound = 4;

    /// <summary>
    /// Spectre.Console.Cli rejects one-letter long options, but <c>--k 20</c> is what recommender
    /// papers and tools say; it is accepted as a spelling of <c>-k</c>.
    /// </summary>
    public static string[] NormalizeArguments(string[] args) =>
        args.Select(a => a == "--k" ? "-k" : a.StartsWith("--k=", StringComparison.Ordinal) ? "-k" + a[3..] : a).ToArray();

    public static CommandApp Build()
    {
        var app = new CommandApp();
        app.Configure(Configure);
        return app;
    }

    public static void Configure(IConfigurator config)
    {
        config.SetApplicationName("lgr");
        config.AddCommand<DemoCommand>("demo")
            .WithDescription("Embedded end-to-end job: train on the past, start an in-process silo, replay the future as a live stream, follow a user.");
        config.AddCommand<StatsCommand>("stats")
            .WithDescription("Users, items, interactions, duplicates, density, degree percentiles and time span of a data set.")
            .WithExample("stats", "--data", "../shared/data/gowalla");
        config.AddCommand<GenerateCommand>("generate")
            .WithDescription("Write a synthetic community-structured, power-law, timestamped event file.")
            .WithExample("generate", "--out", "synthetic.csv", "--users", "10000", "--interactions", "500000");
        config.AddCommand<FitCommand>("fit")
            .WithDescription("Fit a training-free model (spectral or popularity) on the training split and write its embedding file.")
            .WithExample("fit", "--data", "../shared/data/gowalla", "--out", "gowalla-spectral.lgr");
        config.AddCommand<TrainCommand>("train")
            .WithDescription("Train LightGCN, NGCF or S-LightGCN with BPR and RNS, DNS, MixGCF or PinSage negatives, optionally with HashGNN codes; evaluates, stops early, checkpoints, resumes.")
            .WithExample("train", "--data", "../shared/data/gowalla", "--sampler", "mixgcf", "--epochs", "100", "--out", "gowalla.lgr");
        config.AddBranch("bench", bench =>
        {
            bench.SetDescription("Benchmarks that compare several configurations: model ablations, prequential streaming.");
            bench.AddCommand<AblationCommand>("ablation")
                .WithDescription("Train each ablation row (LightGCN/NGCF × RNS/DNS/MixGCF variants, S-LightGCN, PinSage negatives, HashGNN) with the same epoch budget and write the markdown table.")
                .WithExample("bench", "ablation", "--data", "../shared/data/gowalla", "--epochs", "40", "--out", "ablation.md");
            bench.AddCommand<BenchStreamCommand>("stream")
                .WithDescription("Prequential (test-then-learn) evaluation on a timestamped stream: static, online, retrained models " +
                    "through the real grains, and recent-window baselines. Writes a markdown table.")
                .WithExample("bench", "stream", "--data", "../shared/data/ml-latest-small/ratings.csv", "--out", "ml-stream.md");
        });
        config.AddCommand<EvalCommand>("eval")
            .WithDescription("Recall, NDCG, Precision and HitRate@K of an embedding file on the test split (LightGCN definitions).")
            .WithExample("eval", "--embeddings", "gowalla-spectral.lgr", "--data", "../shared/data/gowalla", "--k", "20");
        config.AddCommand<ReplayCommand>("replay")
            .WithDescription("Send a data set's interactions to a running cluster as live events, in time order, at a fixed rate.")
            .WithExample("replay", "--data", "events.csv", "--rate", "2000", "--url", "http://127.0.0.1:8080");
        config.AddCommand<RetrainCommand>("retrain")
            .WithDescription("Ask a running cluster's trainer grain for a training run now and follow it to its outcome.")
            .WithExample("retrain", "--url", "http://127.0.0.1:8080");
        config.AddCommand<RecommendCommand>("recommend")
            .WithDescription("A user's recommendations from a running cluster.")
            .WithExample("recommend", "--user", "42", "--k", "10");
        config.AddCommand<UserCommand>("user")
            .WithDescription("A user's adjacency, degree, model version and embedding, from a running cluster.")
            .WithExample("user", "42");
        config.AddCommand<ItemCommand>("item")
            .WithDescription("An item's adjacency, degree, model version and embedding, from a running cluster.")
            .WithExample("item", "1337");
        config.AddCommand<PublishCommand>("publish")
            .WithDescription("Push a trained embedding file to a running cluster in batches; nodes keep only newer versions.")
            .WithExample("publish", "--embeddings", "gowalla.lgr", "--url", "http://127.0.0.1:8080");
        config.AddCommand<LoadTestCommand>("loadtest")
            .WithDescription("Mixed ingestion + recommendation load at fixed rates (open loop); throughput, latency percentiles, errors, apply lag.")
            .WithExample("loadtest", "--events-per-second", "20000", "--requests-per-second", "1000", "--duration", "60", "--data", "../shared/data/gowalla");
        config.SetExceptionHandler((exception, resolver) =>
            Report(exception, resolver?.Resolve(typeof(IAnsiConsole)) as IAnsiConsole ?? AnsiConsole.Console));
    }

    private static int Report(Exception exception, IAnsiConsole console)
    {
        if (exception is LiveGraphRecApiException or HttpRequestException or TimeoutRejectedException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
            return ServiceError;
        }
        bool isInputError = exception is CommandAppException or DataFormatException or InvalidDataException
            or FileNotFoundException or DirectoryNotFoundException or ArgumentException or UnauthorizedAccessException;
        console.MarkupLineInterpolated($"[red]error:[/] {(isInputError ? exception.Message : exception.ToString())}");
        return isInputError ? InputError : InternalError;
    }
}
