namespace LiveGraphRec.Core.Data;

/// <summary>
/// Generic interaction events, as CSV with a header or as JSON Lines, with fields
/// <c>user,item,timestamp[,weight][,eventId]</c>. Ids are free text; the timestamp is Unix seconds or
/// ISO-8601; a missing or empty weight is 1.
/// <para>
/// Event ids are not stored (<see cref="Interaction"/> has no place for them); they serve to drop
/// redeliveries: a record whose event id repeats an earlier one in the file is counted in
/// <see cref="LoadReport.DuplicateEvents"/> and left out, the first occurrence wins.
/// </para>
/// </summary>
internal sealed class EventFileLoader
{
    private const int User = 0, Item = 1, Timestamp = 2, Weight = 3, EventId = 4;
    private static readonly RecordSchema Schema = new(["user", "item", "timestamp", "weight", "eventId"], requiredCount: 3);

    private readonly IdMap _users = new();
    private readonly IdMap _items = new();
    private readonly List<Interaction> _events = [];
    private readonly HashSet<string> _eventIds = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _eventIdLookup;

    private EventFileLoader() => _eventIdLookup = _eventIds.GetAlternateLookup<ReadOnlySpan<char>>();

    public static Dataset Load(string path, bool jsonLines, bool skipInvalid)
    {
        var loader = new EventFileLoader();
        LoadReport report = jsonLines ? loader.ReadJsonLines(path, skipInvalid) : loader.ReadCsv(path, skipInvalid);
        return new Dataset(Path.GetFileNameWithoutExtension(path), loader._users, loader._items,
            [.. loader._events], [], HasTimestamps: true, [report]);
    }

    private LoadReport ReadCsv(string path, bool skipInvalid)
    {
        using var csv = CsvFile.Open(path, Schema);
        csv.ForEachRecord(() => Add(csv.Lines, csv), skipInvalid);
        return csv.Lines.Report;
    }

    private LoadReport ReadJsonLines(string path, bool skipInvalid)
    {
        using var lines = new LineReader(path);
        var record = new JsonLineRecord(lines, Schema);
        long count = lines.ForEachLine(() =>
        {
            record.Parse();
            Add(lines, record);
        }, skipInvalid);
        return count > 0 ? lines.Report : throw lines.EmptyFile($"one JSON object per line with {Schema.Describe()}");
    }

    private void Add(LineReader lines, IRecordFields record)
    {
        ReadOnlySpan<char> user = FieldParser.TextId(lines, "user", record[User]);
        ReadOnlySpan<char> item = FieldParser.TextId(lines, "item", record[Item]);
        long timestamp = FieldParser.Timestamp(lines, "timestamp", record[Timestamp]);
        ReadOnlySpan<char> weightText = record[Weight];
        float weight = weightText.IsEmpty ? 1f : FieldParser.Weight(lines, "weight", weightText);
        ReadOnlySpan<char> eventId = record[EventId];
        if (!eventId.IsEmpty && !_eventIdLookup.Add(eventId))
        {
            lines.Report.DuplicateEvents++;
            return;
        }
        _events.Add(new Interaction(_users.GetOrAdd(user), _items.GetOrAdd(item), timestamp, weight));
        lines.Report.Records++;
    }
}
