namespace LiveGraphRec.Silo.Options;

/// <summary>
/// Section <c>LGR:Telemetry</c>: metrics, traces and the Orleans dashboard. The meters and sources are always
/// on; what is exported is configured here (OTLP also by the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>).
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "LGR:Telemetry";

    /// <summary>The <c>service.name</c> resource of every signal (the <c>job</c> label's default in Prometheus).</summary>
    [Required] public string ServiceName { get; set; } = "livegraphrec-silo";

    /// <summary>Path of the Prometheus scrape endpoint; empty turns it off.</summary>
    [RegularExpression("^(/.*)?$", ErrorMessage = "LGR:Telemetry:PrometheusPath must be empty or start with '/'.")]
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>
    /// An OTLP collector (e.g. <c>http://otel-collector:4317</c>) that receives logs, metrics and traces.
    /// When empty, <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> does the same; with neither, nothing is pushed.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Serves the Orleans dashboard at <see cref="DashboardPath"/>. It profiles every grain call, which costs a little.</summary>
    public bool Dashboard { get; set; } = true;

    [RegularExpression("^/.+$", ErrorMessage = "LGR:Telemetry:DashboardPath must start with '/'.")]
    public string DashboardPath { get; set; } = "/dashboard";

    /// <summary>
    /// A span per Redis command of every connection the silo opens (StackExchange.Redis instrumentation). Off by
    /// default: on the ingestion path that is several spans per event.
    /// </summary>
    public bool TraceRedisCommands { get; set; }
}
