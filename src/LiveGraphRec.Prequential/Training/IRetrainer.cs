namespace LiveGraphRec.Prequential.Training;

/// <summary>
/// The periodic retrain of the retrain arms: trains on every event seen so far and publishes the result to the
/// grains. A stand-in for the trainer grain (<c>ITrainerGrain</c>): once that lands, an implementation that asks
/// it to retrain and waits for its publish replaces <see cref="WarmStartRetrainer"/> without changing the arms.
/// </summary>
public interface IRetrainer
{
    /// <returns>The published version.</returns>
    Task<long> RetrainAsync(ReadOnlyMemory<Interaction> seen, CancellationToken cancellationToken);
}
