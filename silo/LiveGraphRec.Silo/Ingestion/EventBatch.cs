namespace LiveGraphRec.Silo.Ingestion;

/// <summary>The result of reading a request body: the events, or why the whole batch is rejected.</summary>
public sealed record EventBatch(
    IReadOnlyList<InteractionEvent> Events,
    IDictionary<string, string[]> Errors,
    string? TooLarge = null)
{
    public bool IsValid => Errors.Count == 0 && TooLarge is null;

    public static EventBatch Invalid(string key, string message) => new([], new Dictionary<string, string[]> { [key] = [message] });

    public static EventBatch Oversize(string message) => new([], new Dictionary<string, string[]>(), message);
}
