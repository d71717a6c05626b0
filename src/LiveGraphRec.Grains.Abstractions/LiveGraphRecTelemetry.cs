using System.Diagnostics;

namespace LiveGraphRec.Grains.Abstractions;

/// <summary>
/// Names every layer records its metrics and traces under, so the silo subscribes to one meter and one
/// source: the HTTP API, the grains and the trainer each create their own <c>Meter</c> with
/// <see cref="MeterName"/> (instruments named <c>lgr.*</c>).
/// </summary>
public static class LiveGraphRecTelemetry
{
    public const string MeterName = "LiveGraphRec";

    public const string ActivitySourceName = "LiveGraphRec";

    /// <summary>Spans of the online tier: event apply, item link, index update, ranking.</summary>
    public static readonly ActivitySource Source = new(ActivitySourceName);
}
