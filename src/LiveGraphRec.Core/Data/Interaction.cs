namespace LiveGraphRec.Core.Data;

/// <summary>One user–item interaction in dense index space.</summary>
/// <param name="User">Dense user index (see <see cref="IdMap"/>).</param>
/// <param name="Item">Dense item index.</param>
/// <param name="Timestamp">Unix seconds; 0 when the source has no time.</param>
/// <param name="Weight">Interaction strength; 1 for implicit feedback.</param>
public readonly record struct Interaction(int User, int Item, long Timestamp, float Weight = 1f);
