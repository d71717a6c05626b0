using LiveGraphRec.Core.Embeddings;

namespace LiveGraphRec.Client.Tests;

public sealed class DemoTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lgr-demo-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void TheDemoTrainsServesAndReplaysTheHeldOutStreamThroughAnEmbeddedSilo()
    {
        string model = Path.Combine(_folder, "demo.lgr");

        var result = CliRunner.Run("demo", "--users", "600", "--items", "300", "--interactions", "20000",
            "--dim", "32", "--batch-events", "1000", "-o", model);

        Assert.True(result.ExitCode == 0, result.Output);
        var ratio = System.Text.RegularExpressions.Regex.Match(result.Output, @"Recall@20 is ([\d.]+)×");
        Assert.True(ratio.Success && double.Parse(ratio.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 1.5, result.Output);
        EmbeddingModel written = EmbeddingFile.Read(model);
        Assert.Equal(("lightgcn+mixgcf", 600, 32), (written.ModelName, written.Users.Count, written.Dimension));
        // 20% of 20,000 events, every one acknowledged by the silo.
        Assert.Matches(@"events replayed \(all acknowledged\)\s*│\s*4,000 in 4 batches", result.Output);
        // Readiness waits for the seeded items to reach the index: the first answer already ranks them.
        Assert.Matches(@"before the stream, top 5: i\d+, i\d+, i\d+, i\d+, i\d+", result.Output);
        Assert.Matches(@"→ i\d+ \((was #\d+ of their top 20|not in their top 20|again)\)", result.Output);
        Assert.Matches(@"now top 5: i\d+", result.Output);
    }

    [Fact]
    public void DataWithoutTimestampsIsRefusedWithTheReason()
    {
        File.WriteAllText(Path.Combine(_folder, "train.txt"), "0 1 2\n1 2\n");
        File.WriteAllText(Path.Combine(_folder, "test.txt"), "0 3\n");

        var result = CliRunner.Run("demo", "--data", _folder, "-o", Path.Combine(_folder, "x.lgr"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no timestamps", result.Output);
    }
}
