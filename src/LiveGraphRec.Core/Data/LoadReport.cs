namespace LiveGraphRec.Core.Data;

/// <summary>
/// What a loader read from one source: nothing is dropped without being counted here.
/// </summary>
public sealed class LoadReport(string source)
{
    /// <summary>How many invalid-line messages are kept verbatim (the count is always exact).</summary>
    public const int MaxKeptErrors = 20;

    private readonly List<string> _errors = [];

    public string Source { get; } = source;
    public long LinesRead { get; set; }
    /// <summary>Interactions (or catalog entries) taken from the source.</summary>
    public long Records { get; set; }
    /// <summary>Lines rejected as malformed in <c>--skip-invalid</c> mode.</summary>
    public long SkippedInvalid { get; private set; }
    /// <summary>Valid records left out by a filter the user asked for (e.g. <c>--min-rating</c>).</summary>
    public long FilteredOut { get; set; }
    /// <summary>Records left out because their event id repeated an earlier one (a redelivered event).</summary>
    public long DuplicateEvents { get; set; }
    public IReadOnlyList<string> SampleErrors => _errors;

    public void AddSkipped(string message)
    {
        SkippedInvalid++;
        if (_errors.Count < MaxKeptErrors)
        {
            _errors.Add(message);
        }
    }
}
