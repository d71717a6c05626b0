namespace LiveGraphRec.Grains.Training;

/// <summary>A run the trainer grain hands to its silo's training worker.</summary>
/// <param name="PublishedVersion">The version this trainer last published (the serving model, when it is the trainer's).</param>
public sealed record TrainingJob(Guid RunId, string Reason, DateTimeOffset StartedAt, long PublishedVersion);

/// <summary>
/// The silo's training worker as the trainer grain sees it: a bounded queue it can post to without waiting,
/// and whether a run is still alive on this silo. Implemented outside the grains (by the project that
/// references the TorchSharp trainer), so grain code never touches training.
/// </summary>
public interface ITrainingQueue
{
    /// <summary>Queues the job; false when the worker already has one (it runs one at a time).</summary>
    bool TryEnqueue(TrainingJob job);

    /// <summary>Whether this silo's worker holds the run (queued or running).</summary>
    bool Holds(Guid runId);
}
