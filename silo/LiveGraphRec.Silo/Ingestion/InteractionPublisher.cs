using System.Diagnostics;
using LiveGraphRec.Silo.Options;

namespace LiveGraphRec.Silo.Ingestion;

/// <summary>
/// Appends validated events to the configured stream provider: one entry per partition a request's users fall in
/// (<see cref="IngestionOptions.Partitions"/>), so a request costs at most that many appends however many users it has.
/// </summary>
public sealed class InteractionPublisher(IClusterClient client, IOptions<IngestionOptions> options, TimeProvider time)
{
    /// <summary>
    /// Completes once the provider holds every event: each partition's events, in request order, as one
    /// <see cref="InteractionBatch"/> on its stream. A persistent stream producer's <c>OnNextAsync</c> returns the
    /// adapter's <c>QueueMessageBatchAsync</c> task, which for Redis Streams completes when Redis has acknowledged the
    /// <c>XADD</c> — so the 202 of <c>POST /v1/events</c> means the events are in the durable log. Each event is stamped
    /// with the time of the append (<see cref="InteractionEvent.AcceptedAt"/>), from which its apply lag is measured,
    /// and each entry carries the request's trace context.
    /// </summary>
    public async Task PublishAsync(IReadOnlyList<InteractionEvent> events)
    {
        var provider = client.GetStreamProvider(options.Value.StreamProvider);
        int partitions = options.Value.Partitions;
        DateTimeOffset acceptedAt = time.GetUtcNow();
        await Task.WhenAll(events.GroupBy(e => InteractionStreams.PartitionOf(e.UserId, partitions)).Select(partition =>
            provider.GetStream<InteractionBatch>(StreamId.Create(InteractionStreams.Namespace, InteractionStreams.Key(partition.Key)))
                .OnNextAsync(InteractionBatch.Of(partition.Select(e => e with { AcceptedAt = acceptedAt }).ToList(), Activity.Current))));
    }
}
