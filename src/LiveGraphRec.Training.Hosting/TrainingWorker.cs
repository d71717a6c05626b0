using System.Collections.Concurrent;
using System.Threading.Channels;
using LiveGraphRec.Grains.Training;
using Microsoft.Extensions.Hosting;

namespace LiveGraphRec.Training.Hosting;

/// <summary>
/// The silo's training worker: a hosted service reading a bounded channel the trainer grain posts to, so a
/// grain turn never waits for training. It runs one job at a time (a single reader), which with the grain's
/// single current run means runs never overlap.
/// </summary>
public sealed class TrainingWorker(TrainingRunner runner) : BackgroundService, ITrainingQueue
{
    // One queued behind the running one at most: a request while the worker is still busy with a run the
    // grain has given up (it stops at its next heartbeat).
    private readonly Channel<TrainingJob> _jobs = Channel.CreateBounded<TrainingJob>(
        new BoundedChannelOptions(1) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly ConcurrentDictionary<Guid, TrainingJob> _held = new();

    public bool TryEnqueue(TrainingJob job)
    {
        // Held before it is visible to the reader, so the grain never sees its accepted run as lost.
        _held[job.RunId] = job;
        if (_jobs.Writer.TryWrite(job))
        {
            return true;
        }
        _held.TryRemove(job.RunId, out _);
        return false;
    }

    public bool Holds(Guid runId) => _held.ContainsKey(runId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (TrainingJob job in _jobs.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await runner.RunAsync(job, stoppingToken);
                }
                finally
                {
                    _held.TryRemove(job.RunId, out _);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
