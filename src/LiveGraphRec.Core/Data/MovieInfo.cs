namespace LiveGraphRec.Core.Data;

/// <summary>Display metadata of one MovieLens movie.</summary>
/// <param name="Id">The movieId, matching the external ids in <see cref="Dataset.Items"/>.</param>
/// <param name="Genres">Genres from the pipe-separated column; empty for "(no genres listed)".</param>
public sealed record MovieInfo(string Id, string Title, string[] Genres);
