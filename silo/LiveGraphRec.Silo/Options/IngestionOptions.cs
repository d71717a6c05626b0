namespace LiveGraphRec.Silo.Options;

/// <summary>Section <c>LGR:Ingestion</c>: the event stream and the limits of <c>POST /v1/events</c>.</summary>
public sealed class IngestionOptions
{
    public const string Section = "LGR:Ingestion";

    /// <summary>Name of the Orleans stream provider events are appended to (a durable provider replaces the in-memory one by name).</summary>
    [Required] public string StreamProvider { get; set; } = "interactions";

    [Range(1, 1_000_000)] public int MaxBatchEvents { get; set; } = 10_000;

    [Range(1, 256 * 1024 * 1024)] public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Longest user, item or event id accepted, in characters.</summary>
    [Range(1, 4_096)] public int MaxIdLength { get; set; } = 128;
}
