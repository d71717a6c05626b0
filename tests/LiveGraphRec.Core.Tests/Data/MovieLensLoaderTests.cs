using LiveGraphRec.Core.Data;

namespace LiveGraphRec.Core.Tests.Data;

public sealed class MovieLensLoaderTests : IDisposable
{
    private const string Header = "userId,movieId,rating,timestamp\n";
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private Dataset Load(string ratings, double? minRating = null, bool skipInvalid = false)
    {
        string path = _dir.Write("ratings.csv", ratings);
        return DatasetLoader.Load(path, new DatasetLoadOptions { MinRating = minRating, SkipInvalid = skipInvalid });
    }

    [Fact]
    public void RatingIsTheWeightAndTimestampIsKept()
    {
        Dataset data = Load(Header + "1,31,2.5,1260759144\n1,1029,3.0,1260759179\n7,31,4.5,1260759200\n");

        Assert.Equal(["1", "7"], data.Users.Ids);
        Assert.Equal(["31", "1029"], data.Items.Ids);
        Assert.Equal(new Interaction(1, 0, 1260759200, 4.5f), data.Train[2]);
        Assert.Empty(data.Test);
        Assert.True(data.HasTimestamps);
        Assert.Equal(Path.GetFileName(_dir.Path), data.Name);
    }

    [Fact]
    public void ColumnsAreFoundByHeaderName()
    {
        Dataset data = Load("timestamp,rating,movieId,userId\n100,4.0,8,3\n");

        Assert.Equal(new Interaction(0, 0, 100, 4f), Assert.Single(data.Train));
        Assert.Equal("3", data.Users[0]);
    }

    [Fact]
    public void MinRatingFilterIsCountedAndFilteredUsersGetNoId()
    {
        Dataset data = Load(Header + "1,10,4.0,1\n2,11,3.5,2\n1,12,5,3\n", minRating: 4);

        Assert.Equal(2, data.Train.Length);
        Assert.Equal(["1"], data.Users.Ids);
        Assert.Equal(1, data.Reports[0].FilteredOut);
        Assert.Equal(2, data.Reports[0].Records);
    }

    [Fact]
    public void BadNumberNamesFileLineFieldAndValue()
    {
        var error = DataErrorAssert.Throws(() => Load(Header + "1,1,4.0,5\n1,2,4.x,6\n"), "ratings.csv", 3, "rating");
        Assert.Equal("ratings.csv:3: field 'rating': '4.x' is not a number", error.Message);
    }

    [Fact]
    public void NaNRatingIsRejected() =>
        DataErrorAssert.Throws(() => Load(Header + "1,1,NaN,5\n"), "ratings.csv", 2, "rating");

    [Fact]
    public void MissingFieldNamesTheColumn()
    {
        var error = DataErrorAssert.Throws(() => Load(Header + "1,1,4.0\n"), "ratings.csv", 2, "timestamp");
        Assert.Contains("is missing", error.Message);
    }

    [Fact]
    public void ExtraFieldIsAnError()
    {
        var error = DataErrorAssert.Throws(() => Load(Header + "1,1,4.0,5,surprise\n"), "ratings.csv", 2);
        Assert.Contains("more fields than the header's 4", error.Message);
    }

    [Fact]
    public void EmptyFileIsAnErrorNamingTheFile()
    {
        var error = DataErrorAssert.Throws(() => Load(""), "ratings.csv", 0);
        Assert.Contains("userId,movieId,rating,timestamp", error.Message);
    }

    [Fact]
    public void HeaderWithoutRecordsIsAnError() =>
        DataErrorAssert.Throws(() => Load(Header), "ratings.csv", 0);

    [Fact]
    public void UnknownHeaderColumnIsNamed()
    {
        var error = DataErrorAssert.Throws(() => Load("userId,movieId,rating,timestamp,tag\n1,1,4,5,x\n"), "ratings.csv", 1, "tag");
        Assert.Contains("not a known column", error.Message);
    }

    [Fact]
    public void MissingHeaderColumnIsNamed() =>
        DataErrorAssert.Throws(() => Load("userId,movieId,rating\n1,1,4\n"), "ratings.csv", 1, "timestamp");

    [Fact]
    public void SkipInvalidCountsBadRowsAndKeepsGoodOnes()
    {
        Dataset data = Load(Header + "1,1,4.0,5\n1,2,bad,6\n1,3\n2,3,1.0,7\n", skipInvalid: true);

        Assert.Equal(2, data.Train.Length);
        Assert.Equal(2, data.Reports[0].SkippedInvalid);
        Assert.Equal(["1", "3"], data.Items.Ids);
    }
}
