namespace LiveGraphRec.Grains.Tests;

public sealed class OneShotGrainTimerTests(EmbeddedClusterFixture fixture) : IClassFixture<EmbeddedClusterFixture>
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task ArmingSoonerBringsTheTickForwardAndArmingLaterNeverPostponesIt()
    {
        var sooner = _grains.GetGrain<ITimerProbeGrain>("sooner");
        await sooner.ArmAsync(TimeSpan.FromHours(1));
        await sooner.ArmAsync(TimeSpan.FromMilliseconds(20));
        await Eventually.Returns(sooner.TicksAsync, ticks => ticks == 1, "the sooner arming fired");

        var later = _grains.GetGrain<ITimerProbeGrain>("later");
        await later.ArmAsync(TimeSpan.FromMilliseconds(20));
        await later.ArmAsync(TimeSpan.FromHours(1));
        await Eventually.Returns(later.TicksAsync, ticks => ticks == 1, "the first arming fired");
    }

    [Fact]
    public async Task ItFiresOncePerArmingAndAnArmingDuringTheTickFiresAfterIt()
    {
        var once = _grains.GetGrain<ITimerProbeGrain>("once");
        await once.ArmAsync(TimeSpan.FromMilliseconds(20));
        await Eventually.Returns(once.TicksAsync, ticks => ticks == 1, "the tick fired");
        await Task.Delay(300);
        Assert.Equal(1, await once.TicksAsync());

        // The callback arms the timer again while it runs (as a node's tick does when its write failed).
        var again = _grains.GetGrain<ITimerProbeGrain>("again");
        await again.ArmAsync(TimeSpan.FromMilliseconds(20), rearmDuringTick: true);
        await Eventually.Returns(again.TicksAsync, ticks => ticks == 2, "the arming made during the tick fired too");
    }
}

public interface ITimerProbeGrain : IGrainWithStringKey
{
    Task ArmAsync(TimeSpan due, bool rearmDuringTick = false);

    Task<int> TicksAsync();
}

/// <summary>Counts the ticks of a <see cref="OneShotGrainTimer"/>; its callback can arm the timer once more while it runs.</summary>
public sealed class TimerProbeGrain : Grain, ITimerProbeGrain
{
    private readonly OneShotGrainTimer _timer;
    private int _ticks;
    private bool _rearm;

    public TimerProbeGrain() => _timer = new OneShotGrainTimer(this, OnTickAsync, interleave: true, keepAlive: true);

    public Task ArmAsync(TimeSpan due, bool rearmDuringTick = false)
    {
        _rearm = rearmDuringTick;
        _timer.ArmWithin(due);
        return Task.CompletedTask;
    }

    public Task<int> TicksAsync() => Task.FromResult(_ticks);

    private async Task OnTickAsync()
    {
        _ticks++;
        if (_rearm)
        {
            _rearm = false;
            _timer.ArmWithin(TimeSpan.FromMilliseconds(10));
        }
        // Still running when the re-arming's due time passes.
        await Task.Delay(50);
    }
}
