namespace LiveGraphRec.Grains.Abstractions;

/// <summary>What a user did with an item. Every kind adds the same graph edge; the kind is kept for the history.</summary>
[GenerateSerializer, Alias("lgr.InteractionKind")]
public enum InteractionKind
{
    View = 0,
    Click = 1,
    Like = 2,
    Purchase = 3,
    Rating = 4,
}
