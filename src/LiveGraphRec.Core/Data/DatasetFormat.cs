namespace LiveGraphRec.Core.Data;

/// <summary>The on-disk layouts <see cref="DatasetLoader"/> understands.</summary>
public enum DatasetFormat
{
    /// <summary>Decide from the path: folder with train.txt, ratings.csv, or the event file's extension.</summary>
    Auto,
    /// <summary>A folder with train.txt and optionally test.txt, lines of <c>user item item ...</c>.</summary>
    LightGcn,
    /// <summary>MovieLens ratings.csv (<c>userId,movieId,rating,timestamp</c>), or a folder holding it.</summary>
    MovieLens,
    /// <summary>CSV with a header naming <c>user,item,timestamp[,weight][,eventId]</c> in any order.</summary>
    EventCsv,
    /// <summary>One JSON object per line with the same fields as <see cref="EventCsv"/>.</summary>
    EventJsonLines,
}
