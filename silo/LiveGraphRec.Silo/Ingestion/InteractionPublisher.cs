using System.Diagnostics;
using LiveGraphRec.Silo.Options;

namespace LiveGraphRec.Silo.Ingestion;

/// <summary>Appends validated events to the configured stream provider, one stream per user.</summary>
public sealed class InteractionPublisher(IClusterClient client, IOptions<IngestionOptions> options, TimeProvider time)
{
    /// <summary>
    /// Completes once the provider holds every event: each user's events, in batch order, as one batch on its stream.
    /// A persistent stream producer's <c>OnNextBatchAsync</c> returns the adapter's <c>QueueMessageBatchAsync</c>
    /// task, which for Redis Streams completes when Redis has acknowledged the <c>XADD</c> — so the 202 of
    /// <c>POST /v1/events</c> means the events are in the durable log. Each event is stamped with the time of
    /// the append (<see cref="InteractionEvent.AcceptedAt"/>), from which its apply lag is measured, and each batch
    /// carries the request's trace context (<see cref="IngestionContext"/>).
    /// </summary>
    public async Task PublishAsync(IReadOnlyList<InteractionEvent> events)
    {
        var provider = client.GetStreamProvider(options.Value.StreamProvider);
        DateTimeOffset acceptedAt = time.GetUtcNow();
        // The request context is async-local: the stamp stays within this method's flow.
        IngestionContext.Stamp(Activity.Current);
        await Task.WhenAll(events.GroupBy(e => e.UserId, StringComparer.Ordinal).Select(user =>
            provider.GetStream<InteractionEvent>(StreamId.Create(InteractionStreams.Namespace, user.Key))
                .OnNextBatchAsync(user.Select(e => e with { AcceptedAt = acceptedAt }).ToList())));
    }
}
