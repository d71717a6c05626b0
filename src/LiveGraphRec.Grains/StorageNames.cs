namespace LiveGraphRec.Grains;

/// <summary>Names the silo host must register providers under.</summary>
public static class StorageNames
{
    /// <summary>Grain storage for index shard and trainer state.</summary>
    public const string Graph = "graph";

    /// <summary>Grain storage for user and item state (on Redis, one that writes only the edges that changed).</summary>
    public const string Nodes = "nodes";
}
