using System.Diagnostics;

namespace LiveGraphRec.Grains.Abstractions;

/// <summary>
/// One stream entry: the events of one accepted request that fall in one partition, in request order, with the
/// request's W3C trace context, so HTTP accept → stream → grains is one trace. The context travels in the entry
/// itself rather than in the Orleans request context, because a delivery carries several entries (possibly of
/// several requests) and the pulling agent imports the request context of the first one only.
/// </summary>
[GenerateSerializer, Immutable, Alias("lgr.InteractionBatch")]
public sealed record InteractionBatch(
    [property: Id(0)] IReadOnlyList<InteractionEvent> Events,
    [property: Id(1)] string? TraceParent = null)
{
    /// <summary>A batch carrying the trace context of <paramref name="request"/> (none unless it is a W3C activity).</summary>
    public static InteractionBatch Of(IReadOnlyList<InteractionEvent> events, Activity? request) =>
        new(events, request is { IdFormat: ActivityIdFormat.W3C, Id: { } id } ? id : null);

    /// <summary>The trace context of the request that accepted the batch, or default.</summary>
    public ActivityContext Parent => ActivityContext.TryParse(TraceParent, null, out ActivityContext parent) ? parent : default;
}
