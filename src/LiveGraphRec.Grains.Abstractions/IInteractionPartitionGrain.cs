namespace LiveGraphRec.Grains.Abstractions;

/// <summary>
/// The consumer of one partition's interaction stream (key: the partition number, see <see cref="InteractionStreams"/>).
/// It has no methods of its own: the stream activates it through its implicit subscription.
/// </summary>
[Alias("lgr.IInteractionPartitionGrain")]
public interface IInteractionPartitionGrain : IGrainWithStringKey;
