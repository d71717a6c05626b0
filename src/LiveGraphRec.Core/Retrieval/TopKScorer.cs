using System.Numerics.Tensors;

namespace LiveGraphRec.Core.Retrieval;

/// <summary>
/// Top-K retrieval for one user vector at a time against a fixed item matrix. Owns its score buffer,
/// so a call allocates nothing; one instance is therefore not safe to share between threads.
/// </summary>
public sealed class TopKScorer(EmbeddingMatrix items)
{
    private readonly float[] _scores = new float[items.Rows];

    public EmbeddingMatrix Items { get; } = items;

    /// <summary>
    /// Scores every item by dot product with <paramref name="user"/> and writes the best
    /// <c>topItems.Length</c> not in <paramref name="excludedSorted"/>, best first (see <see cref="TopKSelection.Select"/>).
    /// </summary>
    /// <returns>How many entries were written.</returns>
    public int Score(ReadOnlySpan<float> user, ReadOnlySpan<int> excludedSorted, Span<int> topItems, Span<float> topScores)
    {
        if (user.Length != Items.Dim)
        {
            throw new ArgumentException($"The user vector has {user.Length} dimensions; the items have {Items.Dim}.", nameof(user));
        }
        Span<float> scores = _scores;
        for (int item = 0; item < scores.Length; item++)
        {
            scores[item] = TensorPrimitives.Dot(user, Items.Row(item));
        }
        return TopKSelection.Select(scores, excludedSorted, topItems, topScores);
    }
}
