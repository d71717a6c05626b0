namespace LiveGraphRec.Silo.Ingestion;

/// <summary>What a user, item or event id may be: non-empty, bounded, no control characters.</summary>
public static class IdRules
{
    /// <returns>Null when valid, else the problem.</returns>
    public static string? Check(string? id, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return "must not be empty";
        }
        if (id.Length > maxLength)
        {
            return $"is {id.Length} characters long; the limit is {maxLength}";
        }
        return id.Any(char.IsControl) ? "must not contain control characters" : null;
    }
}
