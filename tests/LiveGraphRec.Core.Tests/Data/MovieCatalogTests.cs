using LiveGraphRec.Core.Data;

namespace LiveGraphRec.Core.Tests.Data;

public sealed class MovieCatalogTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void QuotedTitlesKeepCommasAndDoubledQuotes()
    {
        string path = _dir.Write("movies.csv", """
            movieId,title,genres
            11,"American President, The (1995)",Comedy|Drama|Romance
            12,"Dr. ""Strange"", or: How (1964)",Comedy
            13,Plain Title (2000),(no genres listed)

            """);

        MovieCatalog catalog = MovieCatalog.Load(path);

        Assert.Equal(3, catalog.Count);
        Assert.True(catalog.TryGet("11", out MovieInfo? president));
        Assert.Equal("American President, The (1995)", president.Title);
        Assert.Equal(["Comedy", "Drama", "Romance"], president.Genres);
        Assert.True(catalog.TryGet("12", out MovieInfo? strange));
        Assert.Equal("Dr. \"Strange\", or: How (1964)", strange.Title);
        Assert.True(catalog.TryGet("13", out MovieInfo? plain));
        Assert.Empty(plain.Genres);
    }

    [Fact]
    public void UnterminatedQuoteNamesTheField()
    {
        string path = _dir.Write("movies.csv", "movieId,title,genres\n1,\"Open (1999),Drama\n");

        DataErrorAssert.Throws(() => MovieCatalog.Load(path), "movies.csv", 2, "title");
    }

    [Fact]
    public void BadMovieIdNamesTheField() =>
        DataErrorAssert.Throws(() => MovieCatalog.Load(_dir.Write("movies.csv", "movieId,title,genres\nm1,A,Drama\n")),
            "movies.csv", 2, "movieId");

    [Fact]
    public void MissingFieldEmptyFileAndUnknownColumnAreErrors()
    {
        DataErrorAssert.Throws(() => MovieCatalog.Load(_dir.Write("movies.csv", "movieId,title,genres\n1,A\n")), "movies.csv", 2, "genres");
        DataErrorAssert.Throws(() => MovieCatalog.Load(_dir.Write("movies.csv", "")), "movies.csv", 0);
        DataErrorAssert.Throws(() => MovieCatalog.Load(_dir.Write("movies.csv", "movieId,title,year\n1,A,1999\n")), "movies.csv", 1, "year");
    }

    [Fact]
    public void RepeatedMovieIdIsAnError()
    {
        string path = _dir.Write("movies.csv", "movieId,title,genres\n1,A,Drama\n1,B,Drama\n");

        DataErrorAssert.Throws(() => MovieCatalog.Load(path), "movies.csv", 3, "movieId");
    }

    [Fact]
    public void TryLoadBesideFindsMoviesNextToRatingsOrReturnsNull()
    {
        string ratings = _dir.Write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4,5\n");
        Assert.Null(MovieCatalog.TryLoadBeside(ratings));

        _dir.Write("movies.csv", "movieId,title,genres\n1,A,Drama\n");

        Assert.Equal(1, MovieCatalog.TryLoadBeside(ratings)?.Count);
        Assert.Equal(1, MovieCatalog.TryLoadBeside(_dir.Path)?.Count);
    }
}
