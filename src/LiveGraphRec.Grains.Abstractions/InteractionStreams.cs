using System.Globalization;

namespace LiveGraphRec.Grains.Abstractions;

/// <summary>
/// Interaction events travel on one stream per partition: namespace <see cref="Namespace"/>, key = the partition
/// number (<see cref="PartitionOf"/> of the user id), consumed by that partition's grain through an implicit
/// subscription. Every event of a user goes to the same partition, so a user's events keep their order. The stream
/// provider's name is configuration, so a durable provider can replace the in-memory one.
/// </summary>
public static class InteractionStreams
{
    public const string Namespace = "interaction-partitions";

    /// <summary>
    /// The partition of <paramref name="userId"/> among <paramref name="partitions"/>: FNV-1a over the id's UTF-16
    /// code units, so every process and silo agrees (<see cref="string.GetHashCode()"/> is randomized per process).
    /// </summary>
    public static int PartitionOf(string userId, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitions);
        uint hash = 2_166_136_261;
        foreach (char c in userId)
        {
            hash = (hash ^ c) * 16_777_619;
        }
        return (int)(hash % (uint)partitions);
    }

    /// <summary>The stream key of partition <paramref name="partition"/> (and so its grain's key).</summary>
    public static string Key(int partition) => partition.ToString(CultureInfo.InvariantCulture);
}
