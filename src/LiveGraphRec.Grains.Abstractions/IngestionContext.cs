using System.Diagnostics;
using Orleans.Runtime;

namespace LiveGraphRec.Grains.Abstractions;

/// <summary>
/// What an accepted batch carries through the stream besides its events (which carry their own accept time,
/// <see cref="InteractionEvent.AcceptedAt"/>): the W3C trace context of the request, so HTTP accept → stream →
/// grains is one trace. It travels in the Orleans request context, which persistent stream producers export into
/// each queued batch and the pulling agent imports on delivery. Own key, not <c>traceparent</c>: Orleans' call
/// filters overwrite that one with the pulling agent's context when it delivers.
/// </summary>
public static class IngestionContext
{
    private const string TraceParentKey = "lgr.traceparent";

    /// <summary>
    /// Stamps the calling flow's request context; stream batches produced after this carry it. Call it in the
    /// async method that publishes: the request context is async-local, so the stamp ends with that method's flow.
    /// </summary>
    public static void Stamp(Activity? request)
    {
        if (request is { IdFormat: ActivityIdFormat.W3C, Id: { } id })
        {
            RequestContext.Set(TraceParentKey, id);
        }
    }

    /// <summary>The trace context of the request that accepted the delivered batch, or default.</summary>
    public static ActivityContext Parent =>
        RequestContext.Get(TraceParentKey) is string id && ActivityContext.TryParse(id, null, out ActivityContext parent) ? parent : default;
}
