namespace LiveGraphRec.Prequential;

/// <summary>
/// A data set cut by time for prequential evaluation: the earliest events train the starting model, the
/// rest arrive one by one in time order. Ids are the data set's, over all of its users and items.
/// </summary>
public sealed record EventStream(Dataset Dataset, Interaction[] Prefix, Interaction[] Events)
{
    /// <summary>All of the data set's events sorted by time (stable); the first <paramref name="trainFraction"/> form the prefix.</summary>
    /// <exception cref="ArgumentException">The data set has no timestamps, or a side would be empty.</exception>
    public static EventStream Split(Dataset dataset, double trainFraction)
    {
        if (!(trainFraction > 0 && trainFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction, "The training fraction must lie strictly between 0 and 1.");
        }
        Dataset cut = DatasetSplitter.TemporalCut(dataset, 1 - trainFraction);
        if (cut.Train.Length == 0 || cut.Test.Length == 0)
        {
            throw new ArgumentException(
                $"Data set '{dataset.Name}' has {cut.Train.Length + cut.Test.Length} events: too few to split {trainFraction:P0} / {1 - trainFraction:P0}.");
        }
        return new EventStream(cut with { Test = [] }, cut.Train, cut.Test);
    }

    public int UserCount => Dataset.UserCount;
    public int ItemCount => Dataset.ItemCount;
}
