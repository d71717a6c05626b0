using LiveGraphRec.Core.Data;

namespace LiveGraphRec.Core.Tests.Data;

public sealed class DatasetLoaderTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void DetectsEachFormatFromThePath()
    {
        string lightGcn = Directory.CreateDirectory(Path.Combine(_dir.Path, "gcn")).FullName;
        File.WriteAllText(Path.Combine(lightGcn, "train.txt"), "1 2\n");
        string movieLens = Directory.CreateDirectory(Path.Combine(_dir.Path, "ml")).FullName;
        string ratings = Path.Combine(movieLens, "ratings.csv");
        File.WriteAllText(ratings, "userId,movieId,rating,timestamp\n1,1,4,5\n");

        Assert.Equal(DatasetFormat.LightGcn, DatasetLoader.Detect(lightGcn));
        Assert.Equal(DatasetFormat.MovieLens, DatasetLoader.Detect(movieLens));
        Assert.Equal(DatasetFormat.MovieLens, DatasetLoader.Detect(ratings));
        Assert.Equal(DatasetFormat.EventCsv, DatasetLoader.Detect(_dir.Write("clicks.csv", "")));
        Assert.Equal(DatasetFormat.EventJsonLines, DatasetLoader.Detect(_dir.Write("clicks.jsonl", "")));
        Assert.Equal(DatasetFormat.EventJsonLines, DatasetLoader.Detect(_dir.Write("clicks.NDJSON", "")));
        Assert.Equal("ml", DatasetLoader.Load(movieLens + Path.DirectorySeparatorChar, DatasetLoadOptions.Default).Name);
    }

    [Fact]
    public void UnknownFormatErrorListsWhatIsExpected()
    {
        string path = _dir.Write("data.parquet", "");

        var error = Assert.Throws<ArgumentException>(() => DatasetLoader.Load(path, DatasetLoadOptions.Default));
        Assert.Contains("data.parquet", error.Message);
        Assert.Contains("train.txt", error.Message);
        Assert.Contains("ratings.csv", error.Message);
        Assert.Contains(".jsonl", error.Message);
    }

    [Fact]
    public void FolderWithoutKnownFilesIsRejected() =>
        Assert.Throws<ArgumentException>(() => DatasetLoader.Load(_dir.Path, DatasetLoadOptions.Default));

    [Fact]
    public void MissingPathIsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => DatasetLoader.Load(Path.Combine(_dir.Path, "nope"), DatasetLoadOptions.Default));

    [Fact]
    public void MinRatingOutsideMovieLensIsRejectedRatherThanIgnored()
    {
        string path = _dir.Write("clicks.csv", "user,item,timestamp\nu,a,1\n");

        Assert.Throws<ArgumentException>(() => DatasetLoader.Load(path, new DatasetLoadOptions { MinRating = 4 }));
    }

    [Fact]
    public void FormatOverrideWins()
    {
        string path = _dir.Write("ratings.csv", "user,item,timestamp\nu,a,1\n");

        Dataset data = DatasetLoader.Load(path, new DatasetLoadOptions { Format = DatasetFormat.EventCsv });

        Assert.Equal(["u"], data.Users.Ids);
    }
}
