using System.Diagnostics;
using LiveGraphRec.Grains.Training;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace LiveGraphRec.Grains.Ingestion;

/// <summary>
/// Consumes one partition's interaction stream (implicit subscription, key = partition number). A delivery holds one
/// or more stream entries, each the partition's share of one accepted request. The grain appends the delivery's
/// events to the interaction log in one call, groups them by user (keeping their order), and hands each user its
/// events in one call, all users in parallel. It completes, and so lets the provider acknowledge the entries, only
/// once every user reports its events and its items' sides in grain storage (<see cref="IUserGrain.ApplyDeliveredAsync"/>).
/// </summary>
/// <remarks>
/// The log is appended before any user links, so it holds every applied event. A retried delivery reuses the
/// sequences this activation logged (<see cref="LoggedSequences"/>); after a crash a new activation logs the
/// unacknowledged entries again, so the log may hold an event twice — harmless for the trainer, whose graph merges
/// repeated user–item pairs (<c>BipartiteGraph</c>), and the users de-duplicate the effect by event id.
/// </remarks>
[ImplicitStreamSubscription(InteractionStreams.Namespace)]
public sealed class InteractionPartitionGrain(IInteractionLog interactionLog) : Grain, IInteractionPartitionGrain, IStreamSubscriptionObserver
{
    /// <summary>Enough for several deliveries (a retry re-sends the delivery that failed), about 2 MB of ids.</summary>
    private const int RememberedSequences = 16_384;

    private readonly LoggedSequences _logged = new(RememberedSequences);

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<InteractionBatch>().ResumeAsync(ApplyDeliveredAsync);

    private async Task ApplyDeliveredAsync(IList<SequentialItem<InteractionBatch>> delivery)
    {
        List<InteractionEvent> events = delivery.SelectMany(entry => entry.Item.Events).ToList();
        long[] sequences = await LogAsync(events);
        var users = new Dictionary<string, UserShare>(StringComparer.Ordinal);
        int next = 0;
        foreach (SequentialItem<InteractionBatch> entry in delivery)
        {
            ActivityContext parent = entry.Item.Parent;
            foreach (InteractionEvent interaction in entry.Item.Events)
            {
                if (!users.TryGetValue(interaction.UserId, out UserShare? share))
                {
                    users[interaction.UserId] = share = new UserShare(parent);
                }
                share.Add(new DeliveredInteraction(interaction, sequences[next++]), parent);
            }
        }
        await Task.WhenAll(users.Select(user => ApplyAsync(user.Key, user.Value)));
    }

    /// <summary>Appends the events not logged yet in one call; returns every event's sequence, in order.</summary>
    private async Task<long[]> LogAsync(List<InteractionEvent> events)
    {
        var sequences = new long[events.Count];
        var fresh = new List<LoggedInteraction>();
        // Index in fresh + 1 (the sequence is known after the append), or 0 for an event logged before.
        var freshAt = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int n = 0; n < events.Count; n++)
        {
            InteractionEvent interaction = events[n];
            if (!_logged.TryGet(interaction.EventId, out sequences[n]) && freshAt.TryAdd(interaction.EventId, fresh.Count + 1))
            {
                fresh.Add(LoggedInteraction.Of(interaction));
            }
        }
        if (fresh.Count == 0)
        {
            return sequences;
        }
        long last = await interactionLog.AppendAsync(fresh);
        // A log that numbers nothing returns 0.
        long first = last > 0 ? last - fresh.Count + 1 : 0;
        for (int n = 0; n < events.Count; n++)
        {
            if (freshAt.TryGetValue(events[n].EventId, out int at))
            {
                sequences[n] = first > 0 ? first + at - 1 : 0;
            }
        }
        foreach (var (eventId, at) in freshAt)
        {
            _logged.Record(eventId, first > 0 ? first + at - 1 : 0);
        }
        return sequences;
    }

    /// <summary>One user's share of the delivery, traced as part of the request that accepted its first event (and linked to the others).</summary>
    private async Task ApplyAsync(string userId, UserShare share)
    {
        using Activity? activity = LiveGraphRecTelemetry.Source.StartActivity("lgr apply", ActivityKind.Consumer, share.Parent, links: share.Links);
        activity?.SetTag("lgr.user", userId);
        activity?.SetTag("lgr.partition", this.GetPrimaryKeyString());
        activity?.SetTag("lgr.events", share.Events.Count);
        await GrainFactory.GetGrainFast<IUserGrain>(userId).ApplyDeliveredAsync(share.Events);
    }

    private sealed class UserShare(ActivityContext parent)
    {
        public ActivityContext Parent => parent;
        public List<DeliveredInteraction> Events { get; } = [];
        public List<ActivityLink> Links { get; } = [];

        public void Add(DeliveredInteraction interaction, ActivityContext from)
        {
            Events.Add(interaction);
            if (from != parent && from != default && !Links.Exists(link => link.Context == from))
            {
                Links.Add(new ActivityLink(from));
            }
        }
    }
}
