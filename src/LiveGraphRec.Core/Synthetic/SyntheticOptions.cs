namespace LiveGraphRec.Core.Synthetic;

/// <summary>Shape of a synthetic interaction log; see <see cref="SyntheticGenerator"/> for the model.</summary>
public sealed record SyntheticOptions
{
    public int Users { get; init; } = 1_000;
    public int Items { get; init; } = 500;
    /// <summary>Exact number of events generated (repeated user–item pairs included).</summary>
    public int Interactions { get; init; } = 20_000;
    public int Communities { get; init; } = 20;
    public int Seed { get; init; } = 42;
    /// <summary>Zipf exponent s of item popularity: the item of popularity rank r has weight 1/r^s.</summary>
    public double PopularityExponent { get; init; } = 0.8;
    /// <summary>Zipf exponent of user activity, so that a few users are heavy and most are light.</summary>
    public double ActivityExponent { get; init; } = 0.5;
    /// <summary>Probability that an event picks from the user's community rather than from all items.</summary>
    public double CommunityAffinity { get; init; } = 0.8;
    /// <summary>Fraction of users whose community changes once, at a uniformly random moment of the time span.</summary>
    public double DriftFraction { get; init; }
    public DateTimeOffset Start { get; init; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public TimeSpan TimeSpan { get; init; } = TimeSpan.FromDays(90);

    /// <exception cref="ArgumentOutOfRangeException">An option is outside its valid range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Users);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Items);
        ArgumentOutOfRangeException.ThrowIfNegative(Interactions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Communities);
        // Every community needs at least one item to pick from.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Communities, Items);
        ArgumentOutOfRangeException.ThrowIfNegative(PopularityExponent);
        ArgumentOutOfRangeException.ThrowIfNegative(ActivityExponent);
        ThrowIfNotProbability(CommunityAffinity, nameof(CommunityAffinity));
        ThrowIfNotProbability(DriftFraction, nameof(DriftFraction));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(TimeSpan, TimeSpan.Zero);
    }

    private static void ThrowIfNotProbability(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must lie between 0 and 1.");
        }
    }
}
