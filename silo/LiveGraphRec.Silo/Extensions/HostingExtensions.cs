using LiveGraphRec.Grains;
using LiveGraphRec.Silo.Apis;
using LiveGraphRec.Silo.Hosting;
using LiveGraphRec.Silo.Ingestion;
using LiveGraphRec.Silo.Options;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace LiveGraphRec.Silo.Extensions;

public static class HostingExtensions
{
    /// <summary>Options (section <c>LGR</c>, validated at start), the co-hosted Orleans silo and the API's services.</summary>
    public static WebApplicationBuilder AddLiveGraphRec(this WebApplicationBuilder builder)
    {
        RedisOptions redis = builder.AddValidatedOptions<RedisOptions>(RedisOptions.Section);
        SiloHostOptions silo = builder.AddValidatedOptions<SiloHostOptions>(SiloHostOptions.Section);
        IngestionOptions ingestion = builder.AddValidatedOptions<IngestionOptions>(IngestionOptions.Section);
        TelemetryOptions telemetry = builder.AddValidatedOptions<TelemetryOptions>(TelemetryOptions.Section);
        builder.AddValidatedOptions<ApiOptions>(ApiOptions.Section);
        builder.Services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.Section);

        builder.UseOrleans(orleans => orleans.UseLiveGraphRecClustering(redis, silo).AddLiveGraphRec(redis, ingestion)
            .AddLiveGraphRecDiagnostics(telemetry));
        builder.AddLiveGraphRecTelemetry(telemetry, ingestion);
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<InteractionPublisher>();
        builder.Services.AddHealthChecks().AddCheck<ReadinessCheck>("ready", tags: ["ready"]);
        return builder;
    }

    public static WebApplication MapLiveGraphRecApis(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            // Say why: "Unhealthy" alone leaves an operator guessing between seeding and the index.
            ResponseWriter = (context, report) => context.Response.WriteAsync(
                $"{report.Status}: {string.Join("; ", report.Entries.Values.Select(entry => entry.Description))}"),
        });
        app.MapEventsApi();
        app.MapUsersApi();
        app.MapItemsApi();
        app.MapAdminApi();
        app.MapLiveGraphRecTelemetry();
        return app;
    }

    private static T AddValidatedOptions<T>(this WebApplicationBuilder builder, string section) where T : class, new()
    {
        builder.Services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
        return builder.Configuration.GetSection(section).Get<T>() ?? new T();
    }
}
