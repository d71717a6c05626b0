using LiveGraphRec.Core.Embeddings;

namespace LiveGraphRec.Client.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lgr-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    [Fact]
    public void StatsCountsALightGcnFolder()
    {
        File.WriteAllText(PathOf("train.txt"), "0 1 2\n1 2\n2 0 0\n");
        File.WriteAllText(PathOf("test.txt"), "0 3\n1 0\n");

        var result = CliRunner.Run("stats", "--data", _folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"users\s*│\s*3\b", result.Output);
        Assert.Matches(@"items\s*│\s*4\b", result.Output);
        Assert.Matches(@"train\s*│\s*5\b", result.Output); // "2 0 0" counts twice before merging
        Assert.Matches(@"test\s*│\s*2\b", result.Output);
        Assert.Matches(@"repeated train pairs \(merged\)\s*│\s*1\b", result.Output);
    }

    [Fact]
    public void BadDataStopsWithFileLineAndExitCode2()
    {
        File.WriteAllText(PathOf("events.csv"), "user,item,timestamp\nu1,i1,100\nu2,i2,soon\n");

        var result = CliRunner.Run("stats", "--data", PathOf("events.csv"));

        Assert.Equal(CommandLine.InputError, result.ExitCode);
        Assert.Contains("events.csv", result.Output);
        Assert.Contains(":3", result.Output);
        Assert.Contains("soon", result.Output);
    }

    [Fact]
    public void MissingDataPathIsAValidationError()
    {
        var result = CliRunner.Run("stats", "--data", PathOf("nowhere"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("does not exist", result.Output);
    }

    [Fact]
    public void GenerateFitAndEvalAgreeOnTheStoredMetrics()
    {
        string events = PathOf("synthetic.csv"), model = PathOf("model.lgr");

        var generate = CliRunner.Run("generate", "--out", events, "--users", "400", "--items", "200", "--interactions", "12000", "--communities", "10");
        var fit = CliRunner.Run("fit", "--data", events, "--dim", "16", "--out", model, "--k", "20");
        var eval = CliRunner.Run("eval", "--embeddings", model, "--data", events, "--k", "20");

        Assert.Equal(0, generate.ExitCode);
        Assert.Equal(0, fit.ExitCode);
        Assert.Equal(0, eval.ExitCode);
        EmbeddingModel written = EmbeddingFile.Read(model);
        Assert.Equal(16, written.Dimension);
        double recall = written.Metrics["recall@20"];
        Assert.InRange(recall, 0.05, 1.0);
        Assert.Contains($"{recall:0.0000}", eval.Output); // same split (seeded) → same figure
    }

    [Fact]
    public void EveryCommandExplainsItselfInHelp()
    {
        foreach (string command in new[] { "demo", "stats", "generate", "fit", "eval" })
        {
            var result = CliRunner.Run(command, "--help");
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("--", result.Output);
        }
    }

    [Theory]
    [InlineData("--arms", "static,nope", "Unknown arm 'nope'")]
    [InlineData("--retrain-holdout", "0.5", "The retrain holdout must be above 0 and below 0.5 (got 0.5)")]
    [InlineData("--trained-degree-weight", "1.5", "The trained-degree weight must be between 0 and 1 (got 1.5)")]
    public void BenchStreamNamesABadSetting(string option, string value, string message)
    {
        File.WriteAllText(PathOf("events.csv"), "user,item,timestamp\nu1,i1,100\nu2,i2,200\n");

        var result = CliRunner.Run("bench", "stream", "--data", PathOf("events.csv"), option, value);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Output);
    }

    [Fact]
    public void BenchStreamRefusesDataWithoutTimestamps()
    {
        File.WriteAllText(PathOf("train.txt"), "0 1 2\n1 2\n");

        var result = CliRunner.Run("bench", "stream", "--data", _folder, "--arms", "popularity", "--out", PathOf("out.md"));

        Assert.Equal(CommandLine.InputError, result.ExitCode);
        Assert.Contains("no timestamps", result.Output);
        Assert.False(File.Exists(PathOf("out.md")));
    }

    [Fact]
    public void BenchStreamWritesTheBaselinesTable()
    {
        string events = PathOf("synthetic.csv"), report = PathOf("stream.md");
        CliRunner.Run("generate", "--out", events, "--users", "100", "--items", "50", "--interactions", "2000", "--communities", "5", "--drift", "0.5");

        var result = CliRunner.Run("bench", "stream", "--data", events, "--arms", "popularity,co-occurrence", "--window", "100", "--out", report);

        Assert.Equal(0, result.ExitCode);
        string markdown = File.ReadAllText(report);
        Assert.Contains("`lgr bench stream --data", markdown);
        Assert.Matches(@"\| popularity \| 0\.\d{4} \| 0\.\d{4} \|", markdown);
        Assert.Matches(@"\| co-occurrence \| 0\.\d{4} \|", markdown);
        Assert.Contains("| window | popularity | co-occurrence |", markdown);
    }

    [Theory]
    [InlineData(new[] { "loadtest", "--events-per-second", "0", "--requests-per-second", "0" }, "nothing to offer")]
    [InlineData(new[] { "loadtest", "--duration", "-1" }, "--duration")]
    [InlineData(new[] { "loadtest", "--batch", "0" }, "--batch")]
    [InlineData(new[] { "recommend" }, "--user is required")]
    [InlineData(new[] { "recommend", "--user", "u1", "--url", "ftp://example" }, "not an http:// or https:// address")]
    [InlineData(new[] { "publish", "--embeddings", "/no/such.lgr" }, "no file at '/no/such.lgr'")]
    [InlineData(new[] { "replay", "--data", "/no/such.csv" }, "does not exist")]
    public void ClusterCommandsRejectBadOptions(string[] args, string message)
    {
        var result = CliRunner.Run(args);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Output);
    }

    [Fact]
    public void ReplayTakesOneSplitAtATime()
    {
        var result = CliRunner.Run("replay", "--data", "/no/such.csv", "--test-only", "--train-only");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--test-only and --train-only exclude each other", result.Output);
    }

    [Fact]
    public void AnUnreachableClusterIsAServiceErrorWithTheCause()
    {
        var result = CliRunner.Run("recommend", "--user", "u1", "--url", "http://127.0.0.1:1", "--retries", "0");

        Assert.Equal(CommandLine.ServiceError, result.ExitCode);
        Assert.Contains("error:", result.Output);
        Assert.Contains("127.0.0.1:1", result.Output);
    }

    [Fact]
    public void PublishWithoutAnApiKeySaysHowToGiveOne()
    {
        string model = PathOf("model.lgr");
        EmbeddingFile.Write(model, new EmbeddingModel("m", 1, 2, Core.Data.IdMap.Sequential(1), Core.Data.IdMap.Sequential(1), [1, 0], [0, 1],
            new Dictionary<string, string>(), new Dictionary<string, double>(), DateTimeOffset.UnixEpoch));
        Environment.SetEnvironmentVariable("LGR_API_KEY", null);

        var result = CliRunner.Run("publish", "--embeddings", model);

        Assert.Equal(CommandLine.InputError, result.ExitCode);
        Assert.Contains("--api-key", result.Output);
    }
}

public sealed class AblationCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lgr-bench-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void WritesOneTableLinePerRowAndNoiseLevelWithHashLines()
    {
        string events = Path.Combine(_folder, "synthetic.csv"), table = Path.Combine(_folder, "table.md");
        Assert.Equal(0, CliRunner.Run("generate", "--out", events, "--users", "300", "--items", "150", "--interactions", "8000", "--communities", "6").ExitCode);

        var result = CliRunner.Run("bench", "ablation", "--data", events, "--epochs", "1", "--rows", "lightgcn-rns,hashgnn",
            "--noise", "0", "--noise", "0.1", "--dim", "16", "--layers", "2", "--batch", "512", "--threads", "1", "--out", table);

        Assert.Equal(0, result.ExitCode);
        string[] lines = [.. File.ReadAllLines(table).Where(l => l.StartsWith("| lightgcn-rns") || l.StartsWith("| hashgnn"))];
        Assert.Equal(8, lines.Length); // (1 + 3 hash lines) × 2 noise levels
        Assert.Contains(lines, l => l.Contains("Hamming ranking") && l.Contains("| 0.1 |"));
        Assert.DoesNotContain("LightGCN paper", File.ReadAllText(table)); // not Gowalla: no paper figures
    }

    [Fact]
    public void EvaluatingEveryFewEpochsGivesEachRowALinePerEvaluation()
    {
        string events = Path.Combine(_folder, "synthetic.csv"), table = Path.Combine(_folder, "table.md");
        Assert.Equal(0, CliRunner.Run("generate", "--out", events, "--users", "200", "--items", "100", "--interactions", "4000", "--communities", "4").ExitCode);

        var result = CliRunner.Run("bench", "ablation", "--data", events, "--epochs", "4", "--eval-every", "2", "--rows", "hashgnn",
            "--dim", "16", "--layers", "1", "--batch", "512", "--threads", "1", "--out", table);

        Assert.Equal(0, result.ExitCode);
        string[] lines = [.. File.ReadAllLines(table).Where(l => l.StartsWith("| hashgnn"))];
        // Columns: row, configuration, noise, epochs, …; the model line and its two code lines at epochs 2 and 4.
        Assert.Equal(["2", "2", "2", "4", "4", "4"], lines.Select(l => l.Split('|')[4].Trim()));
        Assert.Equal(2, lines.Count(l => l.Contains("Hamming ranking")));
    }

    [Fact]
    public void AnEvaluationIntervalBeyondTheEpochsIsRefused()
    {
        string events = Path.Combine(_folder, "e.csv");
        File.WriteAllText(events, "user,item,timestamp\nu1,i1,1\n");

        var result = CliRunner.Run("bench", "ablation", "--data", events, "--epochs", "2", "--eval-every", "3", "--out", Path.Combine(_folder, "t.md"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--eval-every", result.Output);
    }

    [Fact]
    public void AnUnknownRowIsAValidationErrorNamingTheValidOnes()
    {
        string events = Path.Combine(_folder, "e.csv");
        File.WriteAllText(events, "user,item,timestamp\nu1,i1,1\n");

        var result = CliRunner.Run("bench", "ablation", "--data", events, "--rows", "lightgcn-rns,magic", "--out", Path.Combine(_folder, "t.md"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("magic", result.Output);
        Assert.Contains("slightgcn", result.Output);
    }
}
