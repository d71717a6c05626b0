using System.Diagnostics.Metrics;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using LiveGraphRec.Grains.Tests.Deployment;
using LiveGraphRec.Streaming.Redis;

namespace LiveGraphRec.Grains.Tests.Observability;

/// <summary>
/// After ingestion and recommendation traffic, the silo's Prometheus endpoint exposes LiveGraphRec's series with the
/// traffic counted, next to Orleans', ASP.NET Core's and the runtime's. Hosts of other test classes in this process
/// may add to the same series, so counters are compared before and after this test's own traffic.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsTests(SiloApiFixture silo) : IClassFixture<SiloApiFixture>
{
    private readonly HttpClient _client = silo.Host.Client();

    [Fact]
    public async Task MetricsEndpointCountsTheTrafficItServed()
    {
        PrometheusText before = await ScrapeAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(EventJson.Lines("metrics-user", ["i0", "i1", "i2"]))).StatusCode);
        string invalid = EventJson.Record("metrics-bad-1", "metrics-user", "i3") + "\n" + """{"eventId":"metrics-bad-2","user":"metrics-user"}""";
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(invalid)).StatusCode);
        await Eventually.Returns(async () => await (await _client.GetAsync("/v1/users/metrics-user")).Content.ReadAsStringAsync(),
            body => body.Contains("\"appliedEvents\":3"), "the three events are applied");
        for (int n = 0; n < 3; n++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/v1/users/metrics-user/recommendations?k=3")).StatusCode);
        }

        // Observable instruments and the exporter's response cache catch up within a scrape or two.
        PrometheusText after = await Eventually.Returns(ScrapeAsync,
            metrics => metrics.Sum("lgr_recommendation_duration_seconds_count") - before.Sum("lgr_recommendation_duration_seconds_count") >= 3
                && metrics.Sum("lgr_grains_active", "type=\"index_shard\"") >= 1,
            "the scrape shows the recommendations and the index shards the refresher has woken");

        AssertGrew(before, after, 3, "lgr_events_accepted_total");
        AssertGrew(before, after, 5, "lgr_events_received_total");
        AssertGrew(before, after, 2, "lgr_events_rejected_total", "reason=\"invalid\"");
        AssertGrew(before, after, 1, "lgr_ingest_batches_total", "outcome=\"invalid\"");
        AssertGrew(before, after, 3, "lgr_events_applied_total", "outcome=\"applied\"");
        AssertGrew(before, after, 3, "lgr_ingestion_lag_seconds_count");
        AssertGrew(before, after, 3, "lgr_events_apply_duration_seconds_count");
        AssertGrew(before, after, 3, "lgr_recommendation_duration_seconds_count", "outcome=\"ranked\"", "scope=\"catalog\"");
        AssertGrew(before, after, 1, "lgr_propagation_corrections_total");
        Assert.True(after.Sum("lgr_ingestion_lag_seconds_sum") > 0, "the lag histogram holds the measured time");
        Assert.True(after.Sum("lgr_grains_active", "type=\"user\"") >= 1, "user grains are active");
        Assert.True(after.Sum("lgr_grains_active", "type=\"item\"") >= 3, "item grains are active");
        Assert.True(after.Sum("lgr_grains_active", "type=\"index_shard\"") >= 1, "index shards are active");
        Assert.True(after.Sum("lgr_index_items") >= TwoCommunityModel.CommunityA.Count, "the index holds the seeded items");
        Assert.True(after.Sum("lgr_index_version") > 0, "the index has a version");
        Assert.True(after.Has("lgr_index_age_seconds"), "the index age is exported");
        Assert.True(after.Sum("lgr_index_refreshes_total", "outcome=\"ok\"") > 0, "the index refreshes");
        // Orleans', ASP.NET Core's and the runtime's instruments come along.
        Assert.Contains(after.Names, name => name.StartsWith("orleans_", StringComparison.Ordinal));
        Assert.True(after.Sum("http_server_request_duration_seconds_count", "http_route=\"/v1/events/\"") >= 2, "ASP.NET Core's request metrics");
        Assert.Contains(after.Names, name => name.StartsWith("dotnet_", StringComparison.Ordinal));
    }

    /// <summary>
    /// The trainer's series (another part of the silo, named by agreement) and the Redis Streams provider's (only on
    /// Redis, after a failure or a crash) are checked against their instrument names instead of a scrape.
    /// </summary>
    [Fact]
    public async Task TheGrafanaDashboardQueriesSeriesTheSiloExports()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(EventJson.Lines("dashboard-user", ["i0", "i4"]))).StatusCode);
        // A rejected record too: counters and histograms are exported once they hold a value, whatever other tests did.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("""{"eventId":"dashboard-bad","user":"dashboard-user"}""")).StatusCode);
        await Eventually.Returns(async () => await (await _client.GetAsync("/v1/users/dashboard-user")).Content.ReadAsStringAsync(),
            body => body.Contains("\"appliedEvents\":2"), "the events are applied");
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/v1/users/dashboard-user/recommendations?k=3")).StatusCode);

        using JsonDocument dashboard = JsonDocument.Parse(DeployFiles.Read("deploy/grafana/dashboards/livegraphrec.json"));
        IReadOnlySet<string> queried = DashboardQueries.MetricNames(dashboard.RootElement);
        string[] trainer = ["lgr_trainer_runs_total", "lgr_trainer_epoch_duration_seconds_bucket", "lgr_trainer_loss", "lgr_trainer_validation_recall", "lgr_model_version"];
        Assert.Superset(trainer.ToHashSet(), queried.Where(name => name.StartsWith("lgr_trainer_", StringComparison.Ordinal) || name == "lgr_model_version").ToHashSet());
        List<string> Missing(PrometheusText scrape)
        {
            var expected = scrape.Names.Concat(RedisStreamsSeries()).Append("up").ToHashSet();
            if (!scrape.Names.Any(name => name.StartsWith("lgr_trainer_", StringComparison.Ordinal)))
            {
                expected.UnionWith(trainer); // no run in this silo yet
            }
            return queried.Where(name => !expected.Contains(name)).ToList();
        }
        // Some series (Orleans' request latency) are recorded a moment after the calls that fill them.
        await Eventually.Returns(async () => Missing(await ScrapeAsync()), missing => missing.Count == 0,
            "the silo exports every series the dashboard queries");
        Assert.Contains("lgr_ingestion_lag_seconds_bucket", queried);
        Assert.Contains("lgr_events_accepted_total", queried);
    }

    [Fact]
    public async Task TheOrleansDashboardIsServed()
    {
        using HttpResponseMessage page = await _client.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The Prometheus names of the Redis Streams provider's counters, from the instruments its meter publishes.</summary>
    private static HashSet<string> RedisStreamsSeries()
    {
        var names = new HashSet<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == RedisStreamsTelemetry.MeterName && instrument is Counter<long>)
                {
                    names.Add(instrument.Name.Replace('.', '_') + "_total");
                }
            },
        };
        RuntimeHelpers.RunClassConstructor(typeof(RedisStreamsTelemetry).TypeHandle);
        listener.Start();
        Assert.NotEmpty(names);
        return names;
    }

    private static void AssertGrew(PrometheusText before, PrometheusText after, double atLeast, string name, params string[] labels)
    {
        double grown = after.Sum(name, labels) - before.Sum(name, labels);
        Assert.True(grown >= atLeast, $"{name}{{{string.Join(',', labels)}}} grew by {grown}, expected at least {atLeast}");
    }

    private async Task<PrometheusText> ScrapeAsync() => PrometheusText.Parse(await _client.GetStringAsync("/metrics"));

    private Task<HttpResponseMessage> PostAsync(string ndjson) =>
        _client.PostAsync("/v1/events", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"));
}
