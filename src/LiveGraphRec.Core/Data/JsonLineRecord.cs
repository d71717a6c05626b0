using System.Text;
using System.Text.Json;

namespace LiveGraphRec.Core.Data;

/// <summary>
/// One flat JSON object per line (JSON Lines), read with <see cref="Utf8JsonReader"/> into the text of each
/// schema field. Strings and numbers are both accepted and kept as text, so <c>"user": 7</c> and
/// <c>"user": "7"</c> name the same user; null counts as absent. Unknown properties are errors, as
/// unknown CSV columns are.
/// </summary>
internal sealed class JsonLineRecord(LineReader lines, RecordSchema schema) : IRecordFields
{
    private readonly Range[] _values = new Range[schema.Names.Count];
    private readonly bool[] _present = new bool[schema.Names.Count];
    private readonly bool[] _seen = new bool[schema.Names.Count];  // present, or given as null
    private readonly byte[][] _utf8Names = [.. schema.Names.Select(Encoding.UTF8.GetBytes)];
    private byte[] _utf8 = [];
    private char[] _text = [];  // every value's text, back to back; never longer than the line's UTF-8

    public ReadOnlySpan<char> this[int field] =>
        _present[field] ? _text.AsSpan(_values[field])
        : schema.IsRequired(field) ? throw lines.Error(schema.Names[field], "is missing")
        : default;

    /// <summary>Parses the reader's current line.</summary>
    public void Parse()
    {
        ReadOnlySpan<char> line = lines.Current;
        int maxBytes = Encoding.UTF8.GetMaxByteCount(line.Length);
        if (_utf8.Length < maxBytes)
        {
            _utf8 = new byte[maxBytes];
            _text = new char[maxBytes];
        }
        int byteCount = Encoding.UTF8.GetBytes(line, _utf8);
        Array.Clear(_present);
        Array.Clear(_seen);
        try
        {
            ReadObject(new Utf8JsonReader(_utf8.AsSpan(0, byteCount)));
        }
        catch (JsonException error)
        {
            throw lines.Error(null, line, $"is not valid JSON ({error.Message})");
        }
    }

    private void ReadObject(Utf8JsonReader json)
    {
        if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
        {
            throw lines.Error(null, lines.Current, "is not a JSON object");
        }
        int textLength = 0;
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            int field = FieldOf(ref json);
            json.Read();
            if (json.TokenType == JsonTokenType.Null)
            {
                continue;
            }
            Span<char> free = _text.AsSpan(textLength);
            int length = json.TokenType switch
            {
                JsonTokenType.String => json.CopyString(free),
                JsonTokenType.Number => Encoding.UTF8.GetChars(json.ValueSpan, free),
                _ => throw lines.Error(schema.Names[field], $"must be a string or number, not {json.TokenType}"),
            };
            _values[field] = new Range(textLength, textLength + length);
            _present[field] = true;
            textLength += length;
        }
        // Anything after the object makes this read throw JsonException.
        json.Read();
    }

    private int FieldOf(ref Utf8JsonReader json)
    {
        for (int field = 0; field < _utf8Names.Length; field++)
        {
            if (json.ValueTextEquals(_utf8Names[field]))
            {
                // Duplicate keys are legal JSON where the last silently wins; here they are a data error.
                if (_seen[field])
                {
                    throw lines.Error(schema.Names[field], "appears twice");
                }
                _seen[field] = true;
                return field;
            }
        }
        throw lines.Error(json.GetString(), $"is not a known field (expected {schema.Describe()})");
    }
}
