using System.Diagnostics.CodeAnalysis;

namespace LiveGraphRec.Core.Data;

/// <summary>
/// MovieLens movies.csv (<c>movieId,title,genres</c>): titles and genres by movie id, for showing
/// recommendations. Kept out of <see cref="Dataset"/> because training never needs it.
/// </summary>
public sealed class MovieCatalog
{
    private const int MovieId = 0, Title = 1, Genres = 2;
    private const string NoGenres = "(no genres listed)";
    private static readonly RecordSchema Schema = new(["movieId", "title", "genres"], requiredCount: 3);

    private readonly Dictionary<string, MovieInfo> _movies;

    private MovieCatalog(Dictionary<string, MovieInfo> movies, LoadReport report)
    {
        _movies = movies;
        Report = report;
    }

    public int Count => _movies.Count;
    public LoadReport Report { get; }
    public IEnumerable<MovieInfo> Movies => _movies.Values;

    public bool TryGet(string movieId, [MaybeNullWhen(false)] out MovieInfo movie) => _movies.TryGetValue(movieId, out movie);

    /// <summary>Reads movies.csv; a movieId listed twice is an error (or skipped with <paramref name="skipInvalid"/>).</summary>
    public static MovieCatalog Load(string moviesPath, bool skipInvalid = false)
    {
        var movies = new Dictionary<string, MovieInfo>(StringComparer.Ordinal);
        using var csv = CsvFile.Open(moviesPath, Schema);
        csv.ForEachRecord(() =>
        {
            string id = FieldParser.IntegerId(csv.Lines, "movieId", csv[MovieId]).ToString();
            if (movies.ContainsKey(id))
            {
                throw csv.Lines.Error("movieId", id, "appears twice");
            }
            ReadOnlySpan<char> genres = csv[Genres];
            string[] genreList = genres.SequenceEqual(NoGenres) || genres.IsEmpty ? [] : genres.ToString().Split('|');
            movies.Add(id, new MovieInfo(id, csv[Title].ToString(), genreList));
            csv.Lines.Report.Records++;
        }, skipInvalid);
        return new MovieCatalog(movies, csv.Lines.Report);
    }

    /// <summary>
    /// The movies.csv next to a ratings.csv (or in the folder holding it), or null when there is none.
    /// </summary>
    public static MovieCatalog? TryLoadBeside(string ratingsPath, bool skipInvalid = false)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(MovieLensLoader.RatingsPath(ratingsPath)));
        string moviesPath = Path.Combine(folder ?? ".", MovieLensLoader.MoviesFileName);
        return File.Exists(moviesPath) ? Load(moviesPath, skipInvalid) : null;
    }
}
