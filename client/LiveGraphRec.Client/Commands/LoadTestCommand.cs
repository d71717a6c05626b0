using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using LiveGraphRec.Client.Http;
using LiveGraphRec.Client.Http.Models;
using LiveGraphRec.Core.Diagnostics;
using LiveGraphRec.Client.Load;
using LiveGraphRec.Client.Presentation;
using LiveGraphRec.Core.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveGraphRec.Client.Commands;

/// <summary>
/// <c>lgr loadtest</c>: offers mixed ingestion and recommendation load to a running silo at fixed rates
/// (open loop, see <see cref="OpenLoop"/>), then reports what was acknowledged and answered, latencies,
/// errors by status, and from the silo's <c>/v1/admin/ingestion</c> how many events it applied and their apply lag.
/// </summary>
public sealed class LoadTestCommand(IAnsiConsole console) : AsyncCommand<LoadTestCommand.Settings>
{
    private static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public sealed class Settings : ClusterSettings
    {
        [CommandOption("--events-per-second <N>")]
        [Description("Offered ingestion rate in events/s (0: no ingestion).")]
        [DefaultValue(5_000.0)]
        public double EventsPerSecond { get; init; } = 5_000;

        [CommandOption("--requests-per-second <N>")]
        [Description("Offered recommendation requests/s (0: none).")]
        [DefaultValue(1_000.0)]
        public double RequestsPerSecond { get; init; } = 1_000;

        [CommandOption("--duration <SECONDS>")]
        [Description("How long load is offered and measured.")]
        [DefaultValue(30.0)]
        public double Duration { get; init; } = 30;

        [CommandOption("--warmup <SECONDS>")]
        [Description("Load offered first at the same rates and not measured (JIT, connection pools, grain activation).")]
        [DefaultValue(5.0)]
        public double Warmup { get; init; } = 5;

        [CommandOption("--batch <N>")]
        [Description("Events per POST /v1/events.")]
        [DefaultValue(100)]
        public int Batch { get; init; } = 100;

        [CommandOption("-d|--data <PATH>")]
        [Description("Draw events from this data set's (user, item) pairs and users from its ids (e.g. the data the seeded model was trained on).")]
        public string? Data { get; init; }

        [CommandOption("--users <N>")]
        [Description("Without --data: user ids u0..u(N-1).")]
        [DefaultValue(10_000)]
        public int Users { get; init; } = 10_000;

        [CommandOption("--items <N>")]
        [Description("Without --data: item ids i0..i(N-1).")]
        [DefaultValue(10_000)]
        public int Items { get; init; } = 10_000;

        [CommandOption("-k|--count <K>")]
        [Description("Items per recommendation request.")]
        [DefaultValue(20)]
        public int Count { get; init; } = 20;

        [CommandOption("--max-in-flight <N>")]
        [Description("Requests outstanding at once (per kind); beyond it, operations wait, and the wait counts as latency.")]
        [DefaultValue(256)]
        public int MaxInFlight { get; init; } = 256;

        [CommandOption("--drain-timeout <SECONDS>")]
        [Description("After the window, how long to wait for the silo to apply every acknowledged event.")]
        [DefaultValue(60.0)]
        public double DrainTimeout { get; init; } = 60;

        [CommandOption("--seed <SEED>")]
        [DefaultValue(1)]
        public int Seed { get; init; } = 1;

        [CommandOption("--json <FILE>")]
        [Description("Also write the result as JSON.")]
        public string? Json { get; init; }

        public override ValidationResult Validate()
        {
            string? problem = (EventsPerSecond, RequestsPerSecond, Duration) switch
            {
                _ when EventsPerSecond < 0 || !double.IsFinite(EventsPerSecond) => $"--events-per-second: {EventsPerSecond} must be 0 or positive.",
                _ when RequestsPerSecond < 0 || !double.IsFinite(RequestsPerSecond) => $"--requests-per-second: {RequestsPerSecond} must be 0 or positive.",
                (0, 0, _) => "--events-per-second and --requests-per-second are both 0: nothing to offer.",
                _ when Duration is <= 0 or > 86_400 => $"--duration: {Duration} must be from 0 to 86,400 seconds.",
                _ when Warmup is < 0 or > 3_600 => $"--warmup: {Warmup} must be from 0 to 3,600 seconds.",
                _ when Batch < 1 => $"--batch: {Batch} must be at least 1.",
                _ when Users < 1 || Items < 1 => "--users and --items must be at least 1.",
                _ when Count < 1 => $"--k: {Count} must be at least 1.",
                _ when MaxInFlight is < 1 or > 10_000 => $"--max-in-flight: {MaxInFlight} must be from 1 to 10,000.",
                _ when DrainTimeout < 0 => $"--drain-timeout: {DrainTimeout} must not be negative.",
                _ when Data is not null => DataProblem(Data),
                _ => null,
            };
            return problem is null ? base.Validate() : ValidationResult.Error(problem);
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        bool ingest = settings.EventsPerSecond > 0;
        if (ingest)
        {
            settings.RequireApiKey();
        }
        LoadWorkload workload = settings.Data is { } data
            ? LoadWorkload.FromDataset(DatasetReading.Load(console, data, DatasetLoadOptions.Default), settings.Seed)
            : LoadWorkload.Synthetic(settings.Users, settings.Items, settings.Seed);
        // No retries for the load: a failure is counted, not hidden behind a second attempt. The silo's progress
        // report is read through its own client, with retries, so a silo that is slow to answer under load still reports.
        using LiveGraphRecClient client = settings.CreateClient(retries: 0, maxConnections: 2 * settings.MaxInFlight);
        using LiveGraphRecClient admin = settings.CreateClient(maxConnections: 2);
        console.MarkupLineInterpolated(
            $"Offering {settings.EventsPerSecond:N0} events/s (POSTs of {settings.Batch}) and {settings.RequestsPerSecond:N0} recommendation requests/s to {settings.EffectiveUrl}; {workload.UserCount:N0} users, {workload.ItemCount:N0} items");
        if (settings.Warmup > 0)
        {
            console.MarkupLineInterpolated($"[grey]Warming up for {settings.Warmup:0.#} s…[/]");
            await OfferAsync(client, workload, settings, TimeSpan.FromSeconds(settings.Warmup), cancellationToken);
            // The warm-up's backlog is applied before the window starts, so the window counts only its own events.
            if (ingest)
            {
                await DrainAsync(admin, expected: null, TimeSpan.FromSeconds(settings.DrainTimeout), cancellationToken);
            }
        }
        ApplyProgressReport? before = ingest ? await admin.ResetApplyProgressAsync(cancellationToken) : null;
        DateTimeOffset startedAt = DateTimeOffset.UtcNow;
        var window = TimeSpan.FromSeconds(settings.Duration);
        console.MarkupLineInterpolated($"Measuring for {settings.Duration:0.#} s…");
        var clock = Stopwatch.StartNew();
        var (ingestStats, recommendStats) = await OfferAsync(client, workload, settings, window, cancellationToken);
        // Load stops being offered at the end of the window, but operations due in it may still be completing.
        TimeSpan offered = clock.Elapsed > window ? clock.Elapsed : window;
        ApplySummary? apply = null;
        if (before is not null)
        {
            ApplyProgressReport atWindowEnd = await admin.GetApplyProgressAsync(cancellationToken);
            var (drained, final) = await DrainAsync(admin, ingestStats.Units, TimeSpan.FromSeconds(settings.DrainTimeout), cancellationToken);
            apply = new ApplySummary(atWindowEnd.AppliedEvents, atWindowEnd.AppliedEvents / offered.TotalSeconds,
                drained?.TotalSeconds, Math.Max(0, ingestStats.Units - final.AppliedEvents), final);
        }
        var result = new LoadTestResult(startedAt, offered.TotalSeconds, settings.EventsPerSecond, settings.Batch, settings.RequestsPerSecond,
            OperationSummary.Of(ingestStats, offered), OperationSummary.Of(recommendStats, offered), apply);
        Print(result);
        if (settings.Json is { } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(result, JsonOutput), cancellationToken);
            console.MarkupLineInterpolated($"[grey]Wrote {path}[/]");
        }
        return result.Ingest.Failures.Count + result.Recommend.Failures.Count == 0 ? 0 : CommandLine.ServiceError;
    }

    private static async Task<(OperationStats Ingest, OperationStats Recommend)> OfferAsync(LiveGraphRecClient client, LoadWorkload workload,
        Settings settings, TimeSpan duration, CancellationToken cancellationToken)
    {
        OperationStats ingest = new(), recommend = new();
        using SemaphoreSlim ingestSlots = new(settings.MaxInFlight), recommendSlots = new(settings.MaxInFlight);
        await Task.WhenAll(
            OpenLoop.RunAsync(settings.EventsPerSecond / settings.Batch, duration, ingestSlots, ingest, async (_, token) =>
                (await client.PostEventsAsync(workload.Events(settings.Batch), token)).Accepted, cancellationToken),
            OpenLoop.RunAsync(settings.RequestsPerSecond, duration, recommendSlots, recommend, async (_, token) =>
            {
                await client.GetRecommendationsAsync(workload.User(), settings.Count, cancellationToken: token);
                return 1;
            }, cancellationToken));
        return (ingest, recommend);
    }

    /// <summary>
    /// Polls the silo until it applied <paramref name="expected"/> events since the reset (or, without an
    /// expectation, until its count stops moving), or the timeout passes.
    /// </summary>
    /// <returns>How long it took (null on timeout) and the last report.</returns>
    private static async Task<(TimeSpan? Took, ApplyProgressReport Last)> DrainAsync(LiveGraphRecClient client, long? expected,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        ApplyProgressReport last = await client.GetApplyProgressAsync(cancellationToken);
        while (true)
        {
            if (expected is { } count && last.AppliedEvents >= count)
            {
                return (clock.Elapsed, last);
            }
            if (clock.Elapsed >= timeout)
            {
                return (null, last);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            ApplyProgressReport next = await client.GetApplyProgressAsync(cancellationToken);
            if (expected is null && next.AppliedEvents == last.AppliedEvents && clock.Elapsed > TimeSpan.FromSeconds(1))
            {
                return (clock.Elapsed, next);
            }
            last = next;
        }
    }

    private void Print(LoadTestResult result)
    {
        var table = new Table().AddColumns("", "offered", "achieved", "ok", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms");
        AddRow(table, "ingest (events)", result.TargetEventsPerSecond, result.Ingest);
        AddRow(table, "recommend (requests)", result.TargetRequestsPerSecond, result.Recommend);
        console.Write(table);
        foreach (var (kind, summary) in new[] { ("ingest", result.Ingest), ("recommend", result.Recommend) })
        {
            if (summary.Failures.Count > 0)
            {
                console.MarkupLineInterpolated($"[red]{kind} errors:[/] {string.Join(", ", summary.Failures.Select(f => $"{f.Key} × {f.Value:N0}"))}");
            }
        }
        if (result.Apply is { } apply)
        {
            string drain = apply.DrainSeconds is { } seconds
                ? $"every acknowledged event applied {seconds:0.0} s after the window"
                : $"[red]{apply.Backlog:N0} acknowledged events still unapplied after the drain timeout[/]";
            console.MarkupLine(
                $"applied in the window: {apply.AppliedInWindow:N0} events ({apply.AppliedPerSecond:N0}/s); {drain}");
            console.MarkupLineInterpolated(
                $"apply lag (append → applied, silo clock, {apply.Final.LagSamples:N0} events): p50 {apply.Final.LagP50Ms:0.0} ms, p90 {apply.Final.LagP90Ms:0.0} ms, p99 {apply.Final.LagP99Ms:0.0} ms, max {apply.Final.LagMaxMs:0.0} ms");
        }
        console.MarkupLineInterpolated($"[grey]Latencies are measured from each operation's scheduled send time (open loop).[/]");
        foreach (var (kind, summary) in new[] { ("ingest", result.Ingest), ("recommend", result.Recommend) }.Where(pair => pair.Item2.Succeeded > 0))
        {
            console.MarkupLineInterpolated(
                $"[grey]{kind} from the actual send (without the generator's scheduling lag): p50 {summary.ServiceP50Ms:0.00} ms, p99 {summary.ServiceP99Ms:0.00} ms[/]");
        }
    }

    private static void AddRow(Table table, string kind, double offered, OperationSummary summary) =>
        table.AddRow(kind, $"{offered:N0}/s", $"{summary.UnitsPerSecond:N0}/s", summary.Succeeded.ToString("N0"), summary.Failures.Values.Sum().ToString("N0"),
            summary.P50Ms.ToString("0.00"), summary.P95Ms.ToString("0.00"), summary.P99Ms.ToString("0.00"), summary.MaxMs.ToString("0.00"));
}
