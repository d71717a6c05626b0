namespace LiveGraphRec.Grains.Abstractions;

/// <summary>An event delivered from the stream, with the interaction log sequence it was appended under.</summary>
/// <param name="Sequence">Its position in the interaction log (0 when the log numbers nothing).</param>
[GenerateSerializer, Immutable, Alias("lgr.DeliveredInteraction")]
public sealed record DeliveredInteraction(
    [property: Id(0)] InteractionEvent Event,
    [property: Id(1)] long Sequence);
