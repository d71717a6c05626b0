using LiveGraphRec.Grains;
using LiveGraphRec.Silo.Options;
using LiveGraphRec.Silo.Telemetry;
using LiveGraphRec.Streaming.Redis;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Persistence;
using OrleansActivitySources = Orleans.Diagnostics.ActivitySources;

namespace LiveGraphRec.Silo.Extensions;

/// <summary>
/// Logs, metrics and traces through OpenTelemetry (the eShop ServiceDefaults shape): LiveGraphRec's own meters and
/// sources, Orleans', ASP.NET Core's and the runtime's; a Prometheus scrape endpoint; OTLP when configured; the
/// Orleans dashboard.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Meters the silo exports: the grains', the API's and the trainer's share the first.</summary>
    private static readonly string[] Meters = [LiveGraphRecTelemetry.MeterName, RedisStreamsTelemetry.MeterName, "Microsoft.Orleans"];

    /// <summary>
    /// Metrics always (scraped at <see cref="TelemetryOptions.PrometheusPath"/>); logs and traces only where an OTLP
    /// endpoint receives them — without a tracer provider the sources create no spans, which keeps the hot paths free.
    /// </summary>
    public static WebApplicationBuilder AddLiveGraphRecTelemetry(this WebApplicationBuilder builder, TelemetryOptions telemetry, IngestionOptions ingestion)
    {
        builder.Services.AddSingleton<IngestionMetrics>();
        OpenTelemetryBuilder otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(telemetry.ServiceName, serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
                if (!string.IsNullOrEmpty(telemetry.PrometheusPath))
                {
                    metrics.AddPrometheusExporter();
                }
            });
        bool standardOtlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint) && !standardOtlp)
        {
            return builder;
        }
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        otel.WithTracing(tracing => tracing.AddLiveGraphRecSources(telemetry));
        if (telemetry.TraceRedisCommands)
        {
            builder.Services.TraceRedisConnections(ingestion);
        }
        if (string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint))
        {
            otel.UseOtlpExporter(); // configured by the OTEL_EXPORTER_OTLP_* variables
        }
        else
        {
            otel.UseOtlpExporter(OtlpExportProtocol.Grpc, new Uri(telemetry.OtlpEndpoint));
        }
        return builder;
    }

    private static void AddLiveGraphRecSources(this TracerProviderBuilder tracing, TelemetryOptions telemetry)
    {
        tracing.AddSource(LiveGraphRecTelemetry.ActivitySourceName, RedisStreamsTelemetry.SourceName, OrleansActivitySources.ApplicationGrainActivitySourceName)
            // Scrapes, probes and the dashboard's polling are not traffic worth a trace.
            .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = context => !IsOperational(context.Request.Path, telemetry));
        if (telemetry.TraceRedisCommands)
        {
            tracing.AddRedisInstrumentation()
                .ConfigureRedisInstrumentation((services, instrumentation) => services.GetRequiredService<RedisCommandTracing>().Attach(instrumentation));
        }
    }

    /// <summary>Trace context across grain calls, and the Orleans dashboard when enabled.</summary>
    public static ISiloBuilder AddLiveGraphRecDiagnostics(this ISiloBuilder silo, TelemetryOptions telemetry)
    {
        silo.AddActivityPropagation();
        if (telemetry.Dashboard)
        {
            silo.AddDashboard();
        }
        return silo;
    }

    public static WebApplication MapLiveGraphRecTelemetry(this WebApplication app)
    {
        TelemetryOptions telemetry = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (!string.IsNullOrEmpty(telemetry.PrometheusPath))
        {
            app.MapPrometheusScrapingEndpoint(telemetry.PrometheusPath);
        }
        if (telemetry.Dashboard)
        {
            app.MapOrleansDashboard(routePrefix: telemetry.DashboardPath);
        }
        return app;
    }

    private static bool IsOperational(PathString path, TelemetryOptions telemetry) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz")
        || (!string.IsNullOrEmpty(telemetry.PrometheusPath) && path.StartsWithSegments(telemetry.PrometheusPath))
        || path.StartsWithSegments(telemetry.DashboardPath);

    private static void TraceRedisConnections(this IServiceCollection services, IngestionOptions ingestion)
    {
        services.AddSingleton<RedisCommandTracing>();
        services.AddOptions<RedisClusteringOptions>()
            .PostConfigure<RedisCommandTracing>((options, tracing) => options.CreateMultiplexer = tracing.Tracing(options.CreateMultiplexer));
        foreach (string storage in new[] { StorageNames.Graph, StorageNames.Nodes })
        {
            services.AddOptions<RedisStorageOptions>(storage)
                .PostConfigure<RedisCommandTracing>((options, tracing) => options.CreateMultiplexer = tracing.Tracing(options.CreateMultiplexer));
        }
        services.AddOptions<RedisStreamsOptions>(ingestion.StreamProvider)
            .PostConfigure<RedisCommandTracing>((options, tracing) => options.CreateMultiplexer = tracing.Tracing(options.CreateMultiplexer));
    }
}
