using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace LiveGraphRec.Core.Data;

/// <summary>
/// The LightGCN benchmark layout: a folder with train.txt and optional test.txt, each line
/// <c>user item item ...</c> of integer ids. A line with only a user is a user without interactions.
/// Both files share one id space, so users and items seen only in test.txt still get indices.
/// </summary>
internal static class LightGcnLoader
{
    public const string TrainFileName = "train.txt";
    public const string TestFileName = "test.txt";

    private static readonly SearchValues<char> Separators = SearchValues.Create(" \t");
    private static readonly SearchValues<char> DigitsAndSeparators = SearchValues.Create("0123456789 \t");

    public static Dataset Load(string directory, bool skipInvalid)
    {
        var users = new IdMap();
        var items = new IdMap();
        var reports = new List<LoadReport>(2);
        Interaction[] train = ReadFile(Path.Combine(directory, TrainFileName), users, items, reports, skipInvalid);
        string testPath = Path.Combine(directory, TestFileName);
        Interaction[] test = File.Exists(testPath) ? ReadFile(testPath, users, items, reports, skipInvalid) : [];
        return new Dataset(DatasetLoader.NameOf(directory), users, items, train, test, HasTimestamps: false, reports);
    }

    private static Interaction[] ReadFile(string path, IdMap users, IdMap items, List<LoadReport> reports, bool skipInvalid)
    {
        using var lines = new LineReader(path);
        var interactions = new List<Interaction>();
        if (lines.ForEachLine(() => ParseLine(lines, users, items, interactions), skipInvalid) == 0)
        {
            throw lines.EmptyFile("lines of 'user item item ...'");
        }
        reports.Add(lines.Report);
        return [.. interactions];
    }

    // A data set loads once per process: tiered JIT would run most of the file through unoptimized code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ParseLine(LineReader lines, IdMap users, IdMap items, List<Interaction> interactions)
    {
        ReadOnlySpan<char> line = lines.Current;
        // One vectorized scan checks the whole line before any id is mapped, so a skipped line adds no ids.
        if (line.ContainsAnyExcept(DigitsAndSeparators))
        {
            ThrowForFirstBadToken(lines, line);
        }
        int user = -1;
        foreach (Range token in line.SplitAny(Separators))
        {
            ReadOnlySpan<char> id = line[token];
            if (id.IsEmpty)
            {
                continue;
            }
            if (user < 0)
            {
                user = users.GetOrAdd(id);
            }
            else
            {
                interactions.Add(new Interaction(user, items.GetOrAdd(id), Timestamp: 0));
                lines.Report.Records++;
            }
        }
    }

    /// <summary>Throws the error for the first token that is not an integer id, naming it and its role.</summary>
    [DoesNotReturn]
    private static void ThrowForFirstBadToken(LineReader lines, ReadOnlySpan<char> line)
    {
        bool isUser = true;
        foreach (Range token in line.SplitAny(Separators))
        {
            if (!line[token].IsEmpty)
            {
                FieldParser.IntegerId(lines, isUser ? "user" : "item", line[token]);
                isUser = false;
            }
        }
        throw new UnreachableException("A line with a character other than digits and separators had only valid tokens.");
    }
}
