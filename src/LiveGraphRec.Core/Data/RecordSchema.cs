namespace LiveGraphRec.Core.Data;

/// <summary>
/// The named fields a record format knows, required ones first. Field access is by ordinal into
/// <see cref="Names"/>, so a loader's constants read the same for CSV columns and JSON properties.
/// </summary>
internal sealed class RecordSchema(string[] names, int requiredCount)
{
    public IReadOnlyList<string> Names => names;
    public int RequiredCount => requiredCount;

    public bool IsRequired(int field) => field < RequiredCount;

    public int IndexOf(ReadOnlySpan<char> name)
    {
        for (int i = 0; i < names.Length; i++)
        {
            if (name.SequenceEqual(names[i]))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>"user,item,timestamp[,weight][,eventId]", for messages.</summary>
    public string Describe() =>
        string.Join(",", names[..requiredCount]) + string.Concat(names[requiredCount..].Select(name => $"[,{name}]"));
}
