using System.Globalization;
using System.Text;
using LiveGraphRec.Core.IO;

namespace LiveGraphRec.Core.Data;

/// <summary>
/// Writes a dataset as an event file: UTF-8 CSV with the header <c>user,item,timestamp,weight</c>, one line per
/// interaction, train then test, in external ids. A dataset without timestamps writes 0. Ids that hold a comma,
/// quote or line break are quoted as RFC 4180 requires.
/// </summary>
public static class EventCsvWriter
{
    public const string Header = "user,item,timestamp,weight";

    /// <summary>Writes atomically: <paramref name="path"/> keeps its old content unless the new one is complete.</summary>
    public static void Write(string path, Dataset dataset) => AtomicFile.Write(path, stream => Write(stream, dataset));

    public static void Write(Stream stream, Dataset dataset)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true);
        writer.NewLine = "\n";
        writer.WriteLine(Header);
        WriteLines(writer, dataset, dataset.Train);
        WriteLines(writer, dataset, dataset.Test);
    }

    private static void WriteLines(StreamWriter writer, Dataset dataset, Interaction[] interactions)
    {
        // Numbers are formatted into one reused buffer so that millions of lines allocate nothing.
        Span<char> number = stackalloc char[32];
        foreach (Interaction x in interactions)
        {
            WriteField(writer, dataset.Users[x.User]);
            writer.Write(',');
            WriteField(writer, dataset.Items[x.Item]);
            writer.Write(',');
            x.Timestamp.TryFormat(number, out int written, provider: CultureInfo.InvariantCulture);
            writer.Write(number[..written]);
            writer.Write(',');
            x.Weight.TryFormat(number, out written, provider: CultureInfo.InvariantCulture);
            writer.WriteLine(number[..written]);
        }
    }

    private static void WriteField(StreamWriter writer, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }
        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\""));
        writer.Write('"');
    }
}
