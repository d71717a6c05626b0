using System.Globalization;

namespace LiveGraphRec.Core.Data;

/// <summary>Checks and converts the text of one field, throwing errors that name the field and line.</summary>
internal static class FieldParser
{
    /// <summary>
    /// An id the format defines as a non-negative integer. The text itself is the external id, so the
    /// check only rejects typos; it does not canonicalize ("007" stays "007").
    /// </summary>
    public static ReadOnlySpan<char> IntegerId(LineReader lines, string field, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.ContainsAnyExceptInRange('0', '9'))
        {
            throw lines.Error(field, text, text.IsEmpty ? "is empty" : "is not a non-negative integer id");
        }
        return text;
    }

    public static ReadOnlySpan<char> TextId(LineReader lines, string field, ReadOnlySpan<char> text) =>
        text.IsWhiteSpace() ? throw lines.Error(field, text, "is empty") : text;

    /// <summary>A weight or rating: a finite float, since NaN or infinity would poison every score it touches.</summary>
    public static float Weight(LineReader lines, string field, ReadOnlySpan<char> text)
    {
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
        {
            throw lines.Error(field, text, "is not a number");
        }
        return float.IsFinite(value) ? value : throw lines.Error(field, text, "is not a finite number");
    }

    /// <summary>Unix seconds as an integer, or an ISO-8601 date/time (UTC unless it carries an offset).</summary>
    public static long Timestamp(LineReader lines, string field, ReadOnlySpan<char> text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seconds))
        {
            return seconds;
        }
        if (LooksLikeIsoDate(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out DateTimeOffset time))
        {
            return time.ToUnixTimeSeconds();
        }
        throw lines.Error(field, text, "is neither Unix seconds nor an ISO-8601 time");
    }

    /// <summary>Requires the yyyy-MM-dd start, so that culture-style dates like 11/14/2023 are refused, not guessed.</summary>
    private static bool LooksLikeIsoDate(ReadOnlySpan<char> text) =>
        text.Length >= 10 && !text[..4].ContainsAnyExceptInRange('0', '9') && text[4] == '-' && text[7] == '-';
}
