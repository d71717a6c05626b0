using LiveGraphRec.Core.Data;

namespace LiveGraphRec.Core.Tests.Data;

/// <summary>The published sizes of the real data sets (CI has them; see <see cref="SharedData"/>).</summary>
public sealed class RealDataTests
{
    [SkippableFact]
    public void GowallaHasThePublishedCounts()
    {
        Dataset data = DatasetLoader.Load(SharedData.Folder("gowalla"), DatasetLoadOptions.Default);

        Assert.Equal("gowalla", data.Name);
        Assert.Equal(29_858, data.UserCount);
        Assert.Equal(40_981, data.ItemCount);
        Assert.Equal(810_128, data.Train.Length);
        Assert.Equal(217_242, data.Test.Length);
        Assert.All(data.Reports, report => Assert.Equal(0, report.SkippedInvalid));
    }

    [SkippableFact]
    public void MovieLensSmallHasThePublishedCountsAndTitles()
    {
        string folder = SharedData.Folder("ml-latest-small");

        Dataset data = DatasetLoader.Load(folder, DatasetLoadOptions.Default);
        MovieCatalog? movies = MovieCatalog.TryLoadBeside(folder);

        Assert.Equal(610, data.UserCount);
        Assert.Equal(9_724, data.ItemCount);
        Assert.Equal(100_836, data.Train.Length);
        Assert.NotNull(movies);
        Assert.True(movies.TryGet("11", out MovieInfo? movie));
        Assert.Equal("American President, The (1995)", movie.Title);
        Assert.All(data.Items.Ids, id => Assert.True(movies.TryGet(id, out _), $"movie {id} has no title"));
    }
}
