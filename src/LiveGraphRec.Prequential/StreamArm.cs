namespace LiveGraphRec.Prequential;

/// <summary>The systems compared on one stream.</summary>
public enum StreamArm
{
    /// <summary>The starting model, never updated (grains with online propagation off; seen items still excluded).</summary>
    Static,
    /// <summary>The starting model ranked in process (no grains): checks that the static arm serves it faithfully.</summary>
    StaticOffline,
    /// <summary>The starting model plus the grains' online re-propagation per event.</summary>
    Online,
    /// <summary>Online plus a warm-started retrain and publish every N events.</summary>
    OnlineRetrain,
    /// <summary>Online propagation off; a warm-started retrain and publish every N events.</summary>
    RetrainOnly,
    /// <summary>Most frequent items of the recent window (in process).</summary>
    Popularity,
    /// <summary>Item-to-item co-occurrence of the recent window (in process).</summary>
    CoOccurrence,
}

public static class StreamArms
{
    public static IReadOnlyList<StreamArm> All { get; } = Enum.GetValues<StreamArm>();

    public static string NameOf(StreamArm arm) => arm switch
    {
        StreamArm.Static => "static",
        StreamArm.StaticOffline => "static-offline",
        StreamArm.Online => "online",
        StreamArm.OnlineRetrain => "online+retrain",
        StreamArm.RetrainOnly => "retrain-only",
        StreamArm.Popularity => "popularity",
        StreamArm.CoOccurrence => "co-occurrence",
        _ => throw new ArgumentOutOfRangeException(nameof(arm), arm, null),
    };

    /// <exception cref="ArgumentException">A name is not an arm.</exception>
    public static StreamArm Parse(string name)
    {
        string key = name.Trim().ToLowerInvariant();
        foreach (StreamArm arm in All)
        {
            if (NameOf(arm) == key)
            {
                return arm;
            }
        }
        throw new ArgumentException($"Unknown arm '{name}'; expected one of {string.Join(", ", All.Select(NameOf))}.");
    }
}
