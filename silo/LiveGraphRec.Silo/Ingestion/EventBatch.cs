namespace LiveGraphRec.Silo.Ingestion;

/// <summary>The result of reading a request body: the events, or why the whole batch is rejected.</summary>
/// <param name="Records">Event records the body held, valid or not, where known (0 when it was not read).</param>
public sealed record EventBatch(
    IReadOnlyList<InteractionEvent> Events,
    IDictionary<string, string[]> Errors,
    string? TooLarge = null,
    int Records = 0)
{
    public bool IsValid => Errors.Count == 0 && TooLarge is null;

    public static EventBatch Invalid(string key, string message) => new([], new Dictionary<string, string[]> { [key] = [message] });

    public static EventBatch Oversize(string message, int records = 0) => new([], new Dictionary<string, string[]>(), message, records);
}
