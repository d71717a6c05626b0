using LiveGraphRec.Core.Data;

namespace LiveGraphRec.Client.Demo;

/// <summary>How the demo names items: the movie title when the data set has a catalog beside it, else the id.</summary>
internal sealed class ItemLabels(MovieCatalog? catalog)
{
    private const int MaxLength = 38;

    public string For(string itemId) =>
        catalog is not null && catalog.TryGet(itemId, out MovieInfo? movie)
            ? movie.Title.Length <= MaxLength ? movie.Title : movie.Title[..(MaxLength - 1)] + "…"
            : itemId;
}
