using LiveGraphRec.Silo.Options;

namespace LiveGraphRec.Silo.Ingestion;

/// <summary>Appends validated events to the configured stream provider, one stream per user.</summary>
public sealed class InteractionPublisher(IClusterClient client, IOptions<IngestionOptions> options)
{
    /// <summary>Completes once the provider has accepted every event; each user's events keep their batch order.</summary>
    public Task PublishAsync(IReadOnlyList<InteractionEvent> events)
    {
        var provider = client.GetStreamProvider(options.Value.StreamProvider);
        return Task.WhenAll(events.GroupBy(e => e.UserId, StringComparer.Ordinal).Select(async user =>
        {
            var stream = provider.GetStream<InteractionEvent>(StreamId.Create(InteractionStreams.Namespace, user.Key));
            foreach (InteractionEvent interaction in user)
            {
                await stream.OnNextAsync(interaction);
            }
        }));
    }
}
