using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Models;
using LiveGraphRec.Core.Retrieval;
using LiveGraphRec.Core.Retrieval.Hashing;

namespace LiveGraphRec.Core.Metrics;

/// <summary>Ranking metrics of binary-code retrieval on a split: Hamming ranking alone, and Hamming shortlist + exact re-rank.</summary>
public sealed record HashRetrievalReport(MetricsReport Hamming, MetricsReport Hierarchical, int Candidates);

/// <summary>
/// Evaluates HashGNN-style retrieval with the protocol of <see cref="RankingEvaluator"/> (all items but the user's
/// training items are ranked; metrics averaged over test users), once by Hamming distance of the codes and once
/// hierarchically (the <paramref name="candidates"/> nearest codes re-ranked by the real-valued embeddings).
/// </summary>
public static class HashRetrievalEvaluator
{
    public static HashRetrievalReport Evaluate(BinaryCodes userCodes, BinaryCodes itemCodes, EmbeddingFactors factors,
        SplitGraphs graphs, ReadOnlySpan<int> ks, int candidates, int maxDegreeOfParallelism = 0)
    {
        if (userCodes.Rows != graphs.Train.UserCount || itemCodes.Rows != graphs.Train.ItemCount || userCodes.Bits != itemCodes.Bits)
        {
            throw new ArgumentException($"Codes ({userCodes.Rows} users × {userCodes.Bits} bits, {itemCodes.Rows} items × {itemCodes.Bits} bits) " +
                $"do not fit the graph ({graphs.Train.UserCount} users, {graphs.Train.ItemCount} items).");
        }
        var hamming = new RankingMetrics(ks);
        var hierarchical = new RankingMetrics(ks);
        int k = hamming.MaxK, users = userCodes.Rows;
        var items = new EmbeddingMatrix(factors.ItemCount, factors.Dimension, factors.ItemVectors);
        var hammingTop = new int[(long)users * k];
        var hierarchicalTop = new int[(long)users * k];
        hammingTop.AsSpan().Fill(-1);
        hierarchicalTop.AsSpan().Fill(-1);
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount };
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, users, 256), options,
            () => (Hamming: new HammingSearcher(itemCodes), Hierarchical: new HierarchicalSearcher(itemCodes, items, candidates),
                Code: new ulong[userCodes.WordsPerCode], Scores: new float[k]),
            (range, _, worker) =>
            {
                for (int user = range.Item1; user < range.Item2; user++)
                {
                    if (graphs.Test.UserDegree(user) == 0)
                    {
                        continue;
                    }
                    userCodes.CopyRow(user, worker.Code);
                    ReadOnlySpan<int> seen = graphs.Train.ItemsOf(user);
                    worker.Hamming.Search(worker.Code, seen, hammingTop.AsSpan(user * k, k));
                    worker.Hierarchical.Search(worker.Code, factors.UserVectors.AsSpan(user * factors.Dimension, factors.Dimension),
                        seen, hierarchicalTop.AsSpan(user * k, k), worker.Scores);
                }
                return worker;
            }, _ => { });
        for (int user = 0; user < users; user++)
        {
            hamming.Accumulate(hammingTop.AsSpan(user * k, k), graphs.Test.ItemsOf(user));
            hierarchical.Accumulate(hierarchicalTop.AsSpan(user * k, k), graphs.Test.ItemsOf(user));
        }
        return new HashRetrievalReport(hamming.ToReport(), hierarchical.ToReport(), candidates);
    }
}
