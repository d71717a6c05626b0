using System.Net;
using System.Text;
using System.Text.Json;
using LiveGraphRec.Grains.Tests.Deployment;
using Xunit.Abstractions;

namespace LiveGraphRec.Grains.Tests.Observability;

/// <summary>
/// What a person or a monitoring system sees of a running silo: the Orleans dashboard in headless Chromium (a
/// screenshot is kept in TestResults/) and a real Prometheus scraping the silo with the repository's config.
/// Each skips, saying so, where its tool is not installed.
/// </summary>
public sealed class ExternalToolTests(LiveSiloFixture silo, ITestOutputHelper output) : IClassFixture<LiveSiloFixture>
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public async Task TheOrleansDashboardRendersInHeadlessChromium()
    {
        string chromium = ExternalTool.Require("chromium");
        await silo.StartAsync();
        string dashboard = $"{silo.Url}/dashboard/";
        string screenshot = Path.Combine(DeployFiles.Root, "TestResults", "orleans-dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        string profile = Directory.CreateTempSubdirectory("lgr-chromium-").FullName;
        try
        {
            await RenderDashboardAsync(chromium, dashboard, screenshot, profile);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    private async Task RenderDashboardAsync(string chromium, string dashboard, string screenshot, string profile)
    {
        // The page is a script that fetches the cluster's state: let it run before the capture.
        var (exitCode, dom, error) = await ExternalTool.RunAsync(chromium, [.. Browser(profile), "--dump-dom", dashboard], ToolTimeout);
        Assert.True(exitCode == 0, $"chromium --dump-dom exited with {exitCode}: {error}");
        Assert.Contains("<title>Orleans Dashboard</title>", dom);
        // Rendered by the dashboard's script from the silo's data, so the script loaded and ran.
        Assert.Contains("Total Activations", dom, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Active Silos", dom, StringComparison.OrdinalIgnoreCase);

        (exitCode, _, error) = await ExternalTool.RunAsync(chromium, [.. Browser(profile), $"--screenshot={screenshot}", "--window-size=1280,900", dashboard], ToolTimeout);
        Assert.True(exitCode == 0, $"chromium --screenshot exited with {exitCode}: {error}");
        byte[] png = await File.ReadAllBytesAsync(screenshot);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        // A blank 1280×900 page compresses to a few KB; the rendered dashboard is tens of KB.
        Assert.True(png.Length > 20_000, $"the screenshot is only {png.Length} bytes");
        output.WriteLine($"Screenshot of {dashboard}: {screenshot} ({png.Length:N0} bytes)");
    }

    [SkippableFact]
    public async Task TheRepositorysPrometheusConfigIsValid()
    {
        string promtool = ExternalTool.Require("promtool");
        var (exitCode, stdout, error) = await ExternalTool.RunAsync(promtool,
            ["check", "config", DeployFiles.PathOf("deploy/prometheus/prometheus.yml")], ToolTimeout);
        Assert.True(exitCode == 0, $"promtool: {stdout}{error}");
    }

    [SkippableFact]
    public async Task PrometheusScrapesTheSilo()
    {
        string prometheus = ExternalTool.Require("prometheus");
        HttpClient client = await silo.StartAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/v1/events",
            new StringContent(EventJson.Lines("prometheus-user", ["i0", "i1"]), Encoding.UTF8, "application/x-ndjson"))).StatusCode);

        // The repository's config with its targets pointed at this silo and a fast scrape.
        string folder = Directory.CreateTempSubdirectory("lgr-prometheus-").FullName;
        string config = Path.Combine(folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, DeployFiles.Read("deploy/prometheus/prometheus.yml")
            .Replace("scrape_interval: 5s", "scrape_interval: 1s", StringComparison.Ordinal)
            .Replace("[\"silo1:8080\", \"silo2:8080\"]", $"[\"127.0.0.1:{silo.Port}\"]", StringComparison.Ordinal));
        int port = FreePort.Next();
        var start = new System.Diagnostics.ProcessStartInfo(prometheus) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder, "data")}", $"--web.listen-address=127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }
        using var server = System.Diagnostics.Process.Start(start)!;
        var log = new StringBuilder();
        server.ErrorDataReceived += (_, line) => { lock (log) { log.AppendLine(line.Data); } };
        server.BeginErrorReadLine();
        server.BeginOutputReadLine();
        try
        {
            using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Eventually.Returns(() => QueryAsync(api, "up{job=\"livegraphrec\"}"), value => value == 1, "Prometheus scraped the silo (up == 1)", 60);
            double accepted = await Eventually.Returns(() => QueryAsync(api, "sum(lgr_events_accepted_total)"), value => value >= 2,
                "Prometheus holds the silo's accepted-events counter", 30);
            output.WriteLine($"Prometheus at 127.0.0.1:{port} scraped lgr_events_accepted_total = {accepted}");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The value of an instant query's single sample; -1 when Prometheus is not up or has no sample yet.</summary>
    private static async Task<double> QueryAsync(HttpClient api, string query)
    {
        try
        {
            using JsonDocument answer = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}"));
            JsonElement result = answer.RootElement.GetProperty("data").GetProperty("result");
            return result.GetArrayLength() == 1 ? double.Parse(result[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture) : -1;
        }
        catch (HttpRequestException)
        {
            return -1;
        }
    }

    /// <summary>Headless Chromium with a profile of its own, a few seconds of virtual time for the page's scripts.</summary>
    private static string[] Browser(string profile) =>
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--virtual-time-budget=5000", $"--user-data-dir={profile}"];
}
