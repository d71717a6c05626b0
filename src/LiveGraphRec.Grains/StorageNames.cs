namespace LiveGraphRec.Grains;

/// <summary>Names the silo host must register providers under.</summary>
public static class StorageNames
{
    /// <summary>Grain storage for user, item and index shard state.</summary>
    public const string Graph = "graph";
}
