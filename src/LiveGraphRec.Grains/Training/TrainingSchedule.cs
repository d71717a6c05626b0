namespace LiveGraphRec.Grains.Training;

/// <summary>When a run is due: by time since the last start, or by events logged after the serving model's cut.</summary>
public static class TrainingSchedule
{
    public const string ByTime = "schedule", ByEvents = "events";

    /// <returns>The reason a run is due, or null.</returns>
    public static string? DueReason(TrainerOptions options, TrainerState state, DateTimeOffset now, long loggedEvents)
    {
        if (NextRunAt(options, state) is { } next && now >= next)
        {
            return ByTime;
        }
        return options.EventThreshold > 0 && loggedEvents - state.PublishedCut >= options.EventThreshold ? ByEvents : null;
    }

    /// <summary>The next run by time; null when the interval is off or the schedule is not registered yet.</summary>
    public static DateTimeOffset? NextRunAt(TrainerOptions options, TrainerState state) =>
        options.Interval > TimeSpan.Zero && (state.LastStartedAt ?? state.ScheduledSince) is { } since ? since + options.Interval : null;
}
