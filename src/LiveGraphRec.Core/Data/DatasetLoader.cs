namespace LiveGraphRec.Core.Data;

/// <summary>Loads a data set from a file or folder in any supported format (see <see cref="DatasetFormat"/>).</summary>
public static class DatasetLoader
{
    private const string Expected =
        "expected a folder with train.txt (and optional test.txt) for LightGCN, ratings.csv or a folder holding it " +
        "for MovieLens, or an event file ending in .csv, .jsonl or .ndjson";

    /// <exception cref="DataFormatException">A malformed record (unless skipped) or an empty file.</exception>
    /// <exception cref="ArgumentException">The format cannot be told, or an option does not apply to it.</exception>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>, or a required file is absent.</exception>
    public static Dataset Load(string path, DatasetLoadOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"No data set at '{path}': {Expected}.", path);
        }
        DatasetFormat format = options.Format == DatasetFormat.Auto ? Detect(path) : options.Format;
        if (options.MinRating is { } minRating && (format != DatasetFormat.MovieLens || !double.IsFinite(minRating)))
        {
            throw new ArgumentException(
                $"MinRating {minRating} applies only to MovieLens ratings and must be finite; '{path}' is {format}.", nameof(options));
        }
        return format switch
        {
            DatasetFormat.LightGcn => LightGcnLoader.Load(RequireFolder(path, format), options.SkipInvalid),
            DatasetFormat.MovieLens => MovieLensLoader.Load(MovieLensLoader.RatingsPath(path), options),
            DatasetFormat.EventCsv => EventFileLoader.Load(RequireFile(path, format), jsonLines: false, options.SkipInvalid),
            DatasetFormat.EventJsonLines => EventFileLoader.Load(RequireFile(path, format), jsonLines: true, options.SkipInvalid),
            _ => throw new ArgumentOutOfRangeException(nameof(options), format, "Unknown data set format."),
        };
    }

    /// <summary>The format <see cref="DatasetFormat.Auto"/> picks for an existing path.</summary>
    public static DatasetFormat Detect(string path)
    {
        if (Directory.Exists(path))
        {
            if (File.Exists(Path.Combine(path, LightGcnLoader.TrainFileName)))
            {
                return DatasetFormat.LightGcn;
            }
            if (File.Exists(Path.Combine(path, MovieLensLoader.RatingsFileName)))
            {
                return DatasetFormat.MovieLens;
            }
            throw new ArgumentException($"Cannot tell the format of folder '{path}': {Expected}.", nameof(path));
        }
        if (Path.GetFileName(path).Equals(MovieLensLoader.RatingsFileName, StringComparison.OrdinalIgnoreCase))
        {
            return DatasetFormat.MovieLens;
        }
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => DatasetFormat.EventCsv,
            ".jsonl" or ".ndjson" => DatasetFormat.EventJsonLines,
            _ => throw new ArgumentException($"Cannot tell the format of '{path}': {Expected}.", nameof(path)),
        };
    }

    /// <summary>The last name in a path, ignoring a trailing separator: "data/gowalla/" → "gowalla".</summary>
    internal static string NameOf(string path) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));

    private static string RequireFolder(string path, DatasetFormat format) => Directory.Exists(path)
        ? path
        : throw new ArgumentException($"{format} needs a folder, but '{path}' is a file.", nameof(path));

    private static string RequireFile(string path, DatasetFormat format) => File.Exists(path)
        ? path
        : throw new ArgumentException($"{format} needs a file, but '{path}' is a folder.", nameof(path));
}
