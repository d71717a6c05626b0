using LiveGraphRec.Grains.Training;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace LiveGraphRec.Grains.Tests;

/// <summary>
/// The trainer grain's protocol when its run is lost: a silo whose worker does not hold the run stands for the
/// silo that ran it having stopped (the grain then lives elsewhere).
/// </summary>
public sealed class TrainerGrainTests : IAsyncLifetime
{
    private readonly TestCluster _cluster = TestClusters.Create(silos: 1, configure: builder => builder.AddSiloBuilderConfigurator<LostRunsConfigurator>());

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ALostRunIsAbandonedItsLateCallsAreRefusedAndTheNextRunStartsClean()
    {
        ITrainerGrain trainer = _cluster.Client.GetGrain<ITrainerGrain>(ITrainerGrain.Singleton);
        TrainingRequestResult lost = await trainer.RequestRunAsync("test");
        Assert.True(lost.Accepted);

        TrainingStatus status = await trainer.GetStatusAsync();
        Assert.Equal(("idle", lost.RunId, TrainingOutcome.Abandoned), (status.State, status.LastRun?.RunId, status.LastRun?.Outcome));
        Assert.Equal(0, status.PublishedVersion);

        // The lost run's worker, should it still be alive somewhere, may neither go on nor publish nor record an outcome.
        Assert.False(await trainer.ReportProgressAsync(new TrainingProgress(lost.RunId, "training", 3, 0.5)));
        Assert.False(await trainer.BeginPublishAsync(lost.RunId, version: 9));
        await trainer.CompleteRunAsync(new TrainingRunSummary(lost.RunId, "test", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow,
            TrainingOutcome.Published, "late", 3, 100, 120, null, 9));
        status = await trainer.GetStatusAsync();
        Assert.Equal((0L, TrainingOutcome.Abandoned), (status.PublishedVersion, status.LastRun!.Outcome));

        TrainingRequestResult next = await trainer.RequestRunAsync("test");
        Assert.True(next.Accepted);
        Assert.NotEqual(lost.RunId, next.RunId);
    }

    /// <summary>A worker that takes every job and holds none, as seen from a silo that did not run it.</summary>
    private sealed class LostRunsQueue : ITrainingQueue
    {
        public bool TryEnqueue(TrainingJob job) => true;

        public bool Holds(Guid runId) => false;
    }

    private sealed class LostRunsConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.Services.AddSingleton<ITrainingQueue, LostRunsQueue>();
    }
}
