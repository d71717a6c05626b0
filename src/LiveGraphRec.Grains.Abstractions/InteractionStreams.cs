namespace LiveGraphRec.Grains.Abstractions;

/// <summary>
/// Interaction events travel on one stream per user: namespace <see cref="Namespace"/>, key = user id,
/// consumed by that user's grain through an implicit subscription. The stream provider's name is
/// configuration, so a durable provider can replace the in-memory one.
/// </summary>
public static class InteractionStreams
{
    public const string Namespace = "interactions";
}
