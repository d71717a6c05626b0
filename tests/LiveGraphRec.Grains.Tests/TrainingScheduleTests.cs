using LiveGraphRec.Grains.Training;

namespace LiveGraphRec.Grains.Tests;

public sealed class TrainingScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly TrainerOptions Options = new() { Interval = TimeSpan.FromMinutes(30), EventThreshold = 1_000 };

    [Fact]
    public void ARunIsDueByTimeSinceTheLastStartOrTheRegistration()
    {
        var registered = new TrainerState { ScheduledSince = Start };
        Assert.Null(TrainingSchedule.DueReason(Options, registered, Start.AddMinutes(29), loggedEvents: 0));
        Assert.Equal(TrainingSchedule.ByTime, TrainingSchedule.DueReason(Options, registered, Start.AddMinutes(30), loggedEvents: 0));

        var ran = new TrainerState { ScheduledSince = Start, LastStartedAt = Start.AddMinutes(20) };
        Assert.Equal(Start.AddMinutes(50), TrainingSchedule.NextRunAt(Options, ran));
        Assert.Null(TrainingSchedule.DueReason(Options, ran, Start.AddMinutes(49), loggedEvents: 0));
    }

    [Fact]
    public void ARunIsDueByEventsLoggedAfterTheServingCut()
    {
        var state = new TrainerState { ScheduledSince = Start, PublishedCut = 5_000 };
        Assert.Null(TrainingSchedule.DueReason(Options, state, Start, loggedEvents: 5_999));
        Assert.Equal(TrainingSchedule.ByEvents, TrainingSchedule.DueReason(Options, state, Start, loggedEvents: 6_000));
    }

    [Fact]
    public void ZeroTurnsEitherConditionOff()
    {
        var off = new TrainerOptions { Interval = TimeSpan.Zero, EventThreshold = 0 };
        var state = new TrainerState { ScheduledSince = Start };
        Assert.Null(TrainingSchedule.NextRunAt(off, state));
        Assert.Null(TrainingSchedule.DueReason(off, state, Start.AddYears(1), loggedEvents: long.MaxValue / 2));
    }
}
