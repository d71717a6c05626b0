using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using LiveGraphRec.Silo.Options;

namespace LiveGraphRec.Silo.Ingestion;

/// <summary>
/// Reads a <c>POST /v1/events</c> body — a JSON array of event records, or NDJSON (one record per line) —
/// within the body and batch limits, validating every record so the batch is accepted or rejected whole.
/// </summary>
public static class EventBatchReader
{
    public static async Task<EventBatch> ReadAsync(HttpRequest request, IngestionOptions options, CancellationToken cancellationToken)
    {
        string tooLarge = $"The request body exceeds the limit of {options.MaxBodyBytes:N0} bytes.";
        if (request.ContentLength > options.MaxBodyBytes)
        {
            return EventBatch.Oversize(tooLarge);
        }
        // This reader enforces the limit itself (with a clear message), so the server's own cap must not cut in first.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
        {
            serverLimit.MaxRequestBodySize = null;
        }
        byte[]? body = await ReadLimitedAsync(request.Body, options.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return EventBatch.Oversize(tooLarge);
        }
        var parser = new EventRecordParser(options, DateTimeOffset.UtcNow);
        ReadOnlyMemory<byte> content = body.AsMemory().TrimStart(" \t\r\n"u8);
        if (content.IsEmpty)
        {
            return EventBatch.Invalid("body", "is empty; send a JSON array or NDJSON of events");
        }
        return content.Span[0] == (byte)'[' ? ReadArray(content, options, parser) : ReadLines(content, options, parser);
    }

    private static EventBatch ReadArray(ReadOnlyMemory<byte> content, IngestionOptions options, EventRecordParser parser)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException e)
        {
            return EventBatch.Invalid("body", Malformed(e, line: null));
        }
        using (document)
        {
            int count = document.RootElement.GetArrayLength();
            if (count > options.MaxBatchEvents)
            {
                return EventBatch.Oversize(TooManyEvents(count, options), count);
            }
            var errors = new Dictionary<string, string[]>();
            var events = document.RootElement.EnumerateArray().Select((record, index) => parser.Parse(record, index, errors)).ToList();
            return Result(events, errors);
        }
    }

    private static EventBatch ReadLines(ReadOnlyMemory<byte> content, IngestionOptions options, EventRecordParser parser)
    {
        var lines = new List<(int LineNumber, ReadOnlyMemory<byte> Text)>();
        int lineNumber = 0;
        for (ReadOnlyMemory<byte> rest = content; !rest.IsEmpty; lineNumber++)
        {
            int end = rest.Span.IndexOf((byte)'\n');
            ReadOnlyMemory<byte> line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            if (!line.Span.Trim(" \t\r"u8).IsEmpty)
            {
                lines.Add((lineNumber + 1, line));
            }
        }
        if (lines.Count > options.MaxBatchEvents)
        {
            return EventBatch.Oversize(TooManyEvents(lines.Count, options), lines.Count);
        }
        var errors = new Dictionary<string, string[]>();
        var events = lines.Select((line, index) => ParseLine(line.Text, line.LineNumber, index, parser, errors)).ToList();
        return Result(events, errors);
    }

    private static InteractionEvent? ParseLine(ReadOnlyMemory<byte> text, int lineNumber, int index, EventRecordParser parser,
        Dictionary<string, string[]> errors)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return parser.Parse(document.RootElement, index, errors);
        }
        catch (JsonException e)
        {
            errors[$"events[{index}]"] = [Malformed(e, lineNumber)];
            return null;
        }
    }

    private static EventBatch Result(List<InteractionEvent?> events, Dictionary<string, string[]> errors) =>
        errors.Count == 0 ? new EventBatch(events.Select(e => e!).ToList(), errors, Records: events.Count)
            : new EventBatch([], errors, Records: events.Count);

    private static string TooManyEvents(int count, IngestionOptions options) =>
        $"The batch holds {count:N0} events; the limit is {options.MaxBatchEvents:N0}.";

    private static string Malformed(JsonException e, int? line) =>
        $"malformed JSON at line {line ?? (e.LineNumber + 1)}, byte {e.BytePositionInLine + 1}";

    /// <summary>The whole body, or null as soon as it passes <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
