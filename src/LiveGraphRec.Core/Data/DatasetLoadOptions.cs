namespace LiveGraphRec.Core.Data;

/// <summary>How <see cref="DatasetLoader.Load"/> reads a data set.</summary>
public sealed record DatasetLoadOptions
{
    public static DatasetLoadOptions Default { get; } = new();

    /// <summary>MovieLens only: keep ratings at or above this value (null keeps all); the rest count as filtered out.</summary>
    public double? MinRating { get; init; }

    /// <summary>Count malformed lines in the <see cref="LoadReport"/> and go on, instead of throwing.</summary>
    public bool SkipInvalid { get; init; }

    public DatasetFormat Format { get; init; } = DatasetFormat.Auto;
}
