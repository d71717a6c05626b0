namespace LiveGraphRec.Core.Data;

/// <summary>
/// A malformed input record, located precisely enough to fix the file by hand:
/// <c>ratings.csv:17: field 'rating': '4.x' is not a number</c>.
/// </summary>
public sealed class DataFormatException : FormatException
{
    /// <summary>Longest offending text quoted in the message; data lines can be megabytes long.</summary>
    public const int MaxValueLength = 80;

    public DataFormatException(string file, long line, string? field, string? value, string problem)
        : base(Describe(file, line, field, Truncate(value), problem))
    {
        File = file;
        Line = line;
        Field = field;
        Value = Truncate(value);
    }

    /// <summary>Path of the file as given to the loader.</summary>
    public string File { get; }

    /// <summary>1-based line number; 0 when the problem concerns the whole file (e.g. it is empty).</summary>
    public long Line { get; }

    /// <summary>Column, JSON property or token name; null when the whole line is at fault.</summary>
    public string? Field { get; }

    /// <summary>The offending text, truncated to <see cref="MaxValueLength"/> characters.</summary>
    public string? Value { get; }

    private static string? Truncate(string? value) =>
        value is { Length: > MaxValueLength } ? string.Concat(value.AsSpan(0, MaxValueLength), "…") : value;

    private static string Describe(string file, long line, string? field, string? value, string problem)
    {
        string location = line > 0 ? $"{Path.GetFileName(file)}:{line}:" : $"{Path.GetFileName(file)}:";
        string subject = (field, value) switch
        {
            (null, null) => "",
            (null, _) => $" '{value}'",
            (_, null) => $" field '{field}'",
            _ => $" field '{field}': '{value}'",
        };
        return $"{location}{subject} {problem}";
    }
}
