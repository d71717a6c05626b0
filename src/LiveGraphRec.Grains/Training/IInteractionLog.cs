namespace LiveGraphRec.Grains.Training;

/// <summary>One applied interaction as the trainer reads it back.</summary>
public readonly record struct LoggedInteraction(string UserId, string ItemId, float Weight, DateTimeOffset Timestamp)
{
    public static LoggedInteraction Of(InteractionEvent interaction) =>
        new(interaction.UserId, interaction.ItemId, interaction.Weight, interaction.Timestamp);
}

/// <summary>
/// The trainer's source of truth: an append-only log of every interaction the user grains applied, numbered
/// 1, 2, 3, … in append order. A training snapshot is a prefix of it, so its length is a consistent cut: the
/// model records the sequence it was trained up to, and a user grain, which keeps on each edge the sequence of
/// the edge's first event, knows after a publish which of its edges the model never saw.
/// </summary>
/// <remarks>
/// Events are appended before their user links them (by the partition grain for a stream delivery, by the user
/// grain for a direct call), so the log holds every applied event (and, after a crash between the append and the
/// acknowledgement, an event twice: the training graph merges repeated pairs).
/// </remarks>
public interface IInteractionLog
{
    /// <summary>Appends in order; returns the sequence of the last one (the first is that minus the count plus one).</summary>
    Task<long> AppendAsync(IReadOnlyList<LoggedInteraction> interactions);

    /// <summary>How many entries the log holds: the sequence of the newest.</summary>
    Task<long> CountAsync();

    /// <summary>Entries <paramref name="first"/>..<paramref name="last"/> (1-based, inclusive), in order.</summary>
    Task<IReadOnlyList<LoggedInteraction>> ReadAsync(long first, long last, CancellationToken cancellationToken);
}
