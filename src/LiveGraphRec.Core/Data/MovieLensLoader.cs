namespace LiveGraphRec.Core.Data;

/// <summary>
/// MovieLens ratings.csv (<c>userId,movieId,rating,timestamp</c>): the rating becomes the weight. Ratings
/// below <see cref="DatasetLoadOptions.MinRating"/> are counted as filtered out and their users and items
/// get no index from them.
/// </summary>
internal static class MovieLensLoader
{
    public const string RatingsFileName = "ratings.csv";
    public const string MoviesFileName = "movies.csv";

    private const int UserId = 0, MovieId = 1, Rating = 2, Timestamp = 3;
    private static readonly RecordSchema Schema = new(["userId", "movieId", "rating", "timestamp"], requiredCount: 4);

    /// <summary>The ratings file itself, or ratings.csv inside the given folder.</summary>
    public static string RatingsPath(string path) =>
        Directory.Exists(path) ? Path.Combine(path, RatingsFileName) : path;

    public static Dataset Load(string ratingsPath, DatasetLoadOptions options)
    {
        var users = new IdMap();
        var items = new IdMap();
        var ratings = new List<Interaction>();
        using var csv = CsvFile.Open(ratingsPath, Schema);
        LoadReport report = csv.Lines.Report;
        csv.ForEachRecord(() =>
        {
            ReadOnlySpan<char> user = FieldParser.IntegerId(csv.Lines, "userId", csv[UserId]);
            ReadOnlySpan<char> movie = FieldParser.IntegerId(csv.Lines, "movieId", csv[MovieId]);
            float rating = FieldParser.Weight(csv.Lines, "rating", csv[Rating]);
            long timestamp = FieldParser.Timestamp(csv.Lines, "timestamp", csv[Timestamp]);
            if (options.MinRating is { } minRating && rating < minRating)
            {
                report.FilteredOut++;
                return;
            }
            ratings.Add(new Interaction(users.GetOrAdd(user), items.GetOrAdd(movie), timestamp, rating));
            report.Records++;
        }, options.SkipInvalid);

        // Name the data set after its folder: every MovieLens release calls its file ratings.csv.
        string name = DatasetLoader.NameOf(Path.GetDirectoryName(Path.GetFullPath(ratingsPath)) ?? ratingsPath);
        return new Dataset(name, users, items, [.. ratings], [], HasTimestamps: true, [report]);
    }
}
