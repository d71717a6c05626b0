using System.Diagnostics;
using System.Diagnostics.Metrics;
using LiveGraphRec.Grains.Index;
using LiveGraphRec.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Xunit.Abstractions;

namespace LiveGraphRec.Grains.Tests.Observability;

/// <summary>
/// The grains record on every event and every recommendation: while an OpenTelemetry meter provider aggregates
/// the meter (as in the silo), recording allocates nothing per call.
/// </summary>
public sealed class RecordingCostTests(ITestOutputHelper output)
{
    private const int Calls = 100_000;

    [Fact]
    public void HotPathRecordingAllocatesNothingPerCall()
    {
        using ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using MeterProvider provider = Sdk.CreateMeterProviderBuilder().AddMeter(LiveGraphRecTelemetry.MeterName)
            .AddReader(new BaseExportingMetricReader(new DiscardingExporter())).Build();
        var metrics = new GraphMetrics(services.GetRequiredService<IMeterFactory>(), new LocalItemIndex(Options.Create(new GraphOptions())));
        DateTimeOffset acceptedAt = DateTimeOffset.UtcNow;
        void RecordOneEventAndOneRecommendation()
        {
            metrics.EventApplied(isNew: true, Stopwatch.GetTimestamp(), acceptedAt);
            metrics.CorrectionsSent(3, GraphMetrics.GrainKind.User);
            metrics.Recommended(Stopwatch.GetTimestamp(), empty: false, candidates: false, RecommendationSource.Model);
        }

        // The SDK creates a metric point per tag combination on first use; the JIT tiers up the loop.
        for (int call = 0; call < 10_000; call++)
        {
            RecordOneEventAndOneRecommendation();
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (int call = 0; call < Calls; call++)
        {
            RecordOneEventAndOneRecommendation();
        }
        watch.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"{watch.Elapsed.TotalNanoseconds / Calls:F0} ns per event + recommendation recorded, {allocated} bytes allocated in {Calls:N0}");
        // Anything allocated per call would come to at least 24 bytes a call; a few one-off bytes (the runtime's) may show.
        Assert.True(allocated < Calls, $"{allocated} bytes allocated in {Calls:N0} calls");
    }

    private sealed class DiscardingExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
