namespace LiveGraphRec.Core.Data;

/// <summary>
/// A CSV file whose header names the columns, so their order is free. Fields may be quoted
/// (RFC 4180: <c>"a, ""b"""</c>) but may not span lines. Unknown and repeated header columns are errors:
/// a misspelt optional column would otherwise be ignored without a word.
/// </summary>
internal sealed class CsvFile : IRecordFields, IDisposable
{
    private readonly RecordSchema _schema;
    private readonly string[] _header;
    private readonly int[] _positionOf;  // schema field → column position; -1 when the header lacks it
    private readonly Range[] _fields;
    private readonly string?[] _unescaped;  // fields that held doubled quotes, rebuilt (rare, so allocating)
    private int _fieldCount;

    private CsvFile(LineReader lines, RecordSchema schema)
    {
        Lines = lines;
        _schema = schema;
        if (!lines.MoveNextNonBlank())
        {
            throw lines.EmptyFile($"a header {schema.Describe()}");
        }
        _header = SplitHeader(lines);
        _fields = new Range[_header.Length];
        _unescaped = new string?[_header.Length];
        _positionOf = MapColumns(lines, schema, _header);
    }

    public LineReader Lines { get; }

    /// <summary>Opens the file and reads its header; the reader then stands before the first record.</summary>
    public static CsvFile Open(string path, RecordSchema schema)
    {
        var lines = new LineReader(path);
        try
        {
            return new CsvFile(lines, schema);
        }
        catch
        {
            lines.Dispose();
            throw;
        }
    }

    /// <summary>Reads every remaining record; see <see cref="LineReader.ForEachLine"/>. Throws when there is none.</summary>
    public void ForEachRecord(Action parseCurrent, bool skipInvalid)
    {
        long records = Lines.ForEachLine(() =>
        {
            Split(Lines.Current);
            parseCurrent();
        }, skipInvalid);
        if (records == 0)
        {
            throw Lines.EmptyFile($"records after the header {_schema.Describe()}");
        }
    }

    public ReadOnlySpan<char> this[int field]
    {
        get
        {
            int position = _positionOf[field];
            if (position < 0)
            {
                return default;
            }
            if (position >= _fieldCount)
            {
                throw Lines.Error(_header[position], $"is missing (the line has {_fieldCount} of {_header.Length} fields)");
            }
            return _unescaped[position] ?? Lines.Current[_fields[position]];
        }
    }

    private static string[] SplitHeader(LineReader lines)
    {
        var header = new List<string>();
        ReadOnlySpan<char> line = lines.Current;
        int position = 0;
        while (NextField(lines, line, ref position, header.Count, null, out Range field, out string? unescaped))
        {
            header.Add(unescaped ?? line[field].Trim().ToString());
        }
        return [.. header];
    }

    private static int[] MapColumns(LineReader lines, RecordSchema schema, string[] header)
    {
        var positionOf = new int[schema.Names.Count];
        Array.Fill(positionOf, -1);
        for (int position = 0; position < header.Length; position++)
        {
            int field = schema.IndexOf(header[position]);
            if (field < 0)
            {
                throw lines.Error(header[position], $"is not a known column (expected {schema.Describe()})");
            }
            if (positionOf[field] >= 0)
            {
                throw lines.Error(header[position], "appears twice in the header");
            }
            positionOf[field] = position;
        }
        for (int field = 0; field < schema.RequiredCount; field++)
        {
            if (positionOf[field] < 0)
            {
                throw lines.Error(schema.Names[field], $"is missing from the header (expected {schema.Describe()})");
            }
        }
        return positionOf;
    }

    private void Split(ReadOnlySpan<char> line)
    {
        _fieldCount = 0;
        int position = 0;
        while (NextField(Lines, line, ref position, _fieldCount, _header, out Range field, out string? unescaped))
        {
            if (_fieldCount == _header.Length)
            {
                throw Lines.Error(null, line, $"has more fields than the header's {_header.Length}");
            }
            _fields[_fieldCount] = field;
            _unescaped[_fieldCount] = unescaped;
            _fieldCount++;
        }
    }

    /// <summary>
    /// Reads the field starting at <paramref name="position"/> (which becomes the start of the next one, or
    /// past the end). Quoted fields come back without their quotes; those with doubled quotes also as
    /// <paramref name="unescaped"/> text.
    /// </summary>
    private static bool NextField(LineReader lines, ReadOnlySpan<char> line, ref int position, int index,
        string[]? header, out Range field, out string? unescaped)
    {
        unescaped = null;
        if (position > line.Length)
        {
            field = default;
            return false;
        }
        if (position == line.Length || line[position] != '"')
        {
            int comma = line[position..].IndexOf(',');
            int end = comma < 0 ? line.Length : position + comma;
            field = position..end;
            position = end + 1;
            return true;
        }

        int start = position + 1;
        int close = start;
        bool hasDoubledQuotes = false;
        while (true)
        {
            int quote = line[close..].IndexOf('"');
            if (quote < 0)
            {
                throw lines.Error(ColumnName(header, index), line[position..], "has no closing quote");
            }
            close += quote;
            if (close + 1 < line.Length && line[close + 1] == '"')
            {
                hasDoubledQuotes = true;
                close += 2;
                continue;
            }
            break;
        }
        field = start..close;
        if (hasDoubledQuotes)
        {
            unescaped = line[field].ToString().Replace("\"\"", "\"", StringComparison.Ordinal);
        }
        position = close + 1;
        if (position < line.Length && line[position] != ',')
        {
            throw lines.Error(ColumnName(header, index), line[start..], "has text after its closing quote");
        }
        position++;
        return true;
    }

    private static string? ColumnName(string[]? header, int index) =>
        header is not null && index < header.Length ? header[index] : null;

    public void Dispose() => Lines.Dispose();
}
