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
    public void DemoBeatsPopularityAndWritesItsModel()
    {
        string model = PathOf("demo.lgr");

        var result = CliRunner.Run("demo", "--users", "600", "--items", "300", "--interactions", "20000", "--dim", "32", "--out", model);

        Assert.Equal(0, result.ExitCode);
        var ratio = System.Text.RegularExpressions.Regex.Match(result.Output, @"Recall@20 is ([\d.]+)×");
        Assert.True(ratio.Success, result.Output);
        Assert.True(double.Parse(ratio.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 1.5, result.Output);
        Assert.Equal("spectral", EmbeddingFile.Read(model).ModelName);
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
