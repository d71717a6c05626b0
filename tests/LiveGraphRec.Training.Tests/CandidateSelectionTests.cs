using LiveGraphRec.Training.Sampling;
using static TorchSharp.torch;

namespace LiveGraphRec.Training.Tests;

public sealed class CandidateSelectionTests
{
    [Fact]
    public void PicksTheCandidateWithTheLargestInnerProductLikeArgmax()
    {
        manual_seed(8);
        using var rows = randn(50, 16);
        using var queries = randn(30, 16);
        using var candidates = randint(0, 50, [30, 7]);

        using var chosen = CandidateSelection.Best(rows, queries, candidates, threads: 2);

        // Reference: gather, score, argmax (first maximum), map back to node ids.
        using var scores = rows.index_select(0, candidates.flatten()).view(30, 7, 16).mul(queries.view(30, 1, 16)).sum(-1);
        using var expected = candidates.gather(1, scores.argmax(1, keepdim: true)).squeeze(1);
        Assert.Equal(expected.data<long>().ToArray(), chosen.data<long>().ToArray());
    }

    [Fact]
    public void TiesGoToTheFirstCandidate()
    {
        using var rows = tensor(new float[] { 1, 0, 1, 0, 0, 1 }).view(3, 2); // nodes 0 and 1 are identical
        using var queries = tensor(new float[] { 1, 0 }).view(1, 2);
        using var candidates = tensor(new long[] { 2, 1, 0 }).view(1, 3);

        using var chosen = CandidateSelection.Best(rows, queries, candidates, threads: 1);

        Assert.Equal(1L, chosen.item<long>());
    }

    [Fact]
    public void RejectsACandidateOutsideTheRows()
    {
        using var rows = zeros(3, 2);
        using var queries = zeros(1, 2);
        using var candidates = tensor(new long[] { 0, 3 }).view(1, 2);

        Assert.ThrowsAny<Exception>(() => CandidateSelection.Best(rows, queries, candidates, threads: 1).Dispose());
    }
}
