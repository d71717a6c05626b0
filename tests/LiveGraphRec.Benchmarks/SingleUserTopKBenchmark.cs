using BenchmarkDotNet.Attributes;
using LiveGraphRec.Core.Retrieval;

namespace LiveGraphRec.Benchmarks;

/// <summary>One user's top-20 over Gowalla-sized item embeddings, excluding a Gowalla-mean 27 seen items.</summary>
public class SingleUserTopKBenchmark
{
    private const int K = 20;
    private readonly int[] _top = new int[K];
    private readonly float[] _scores = new float[K];
    private TopKScorer _scorer = null!;
    private float[] _user = null!;
    private int[] _excluded = null!;

    [GlobalSetup]
    public void Setup()
    {
        EmbeddingMatrix items = RandomMatrix.Create(GowallaTrainGraph.Items, 64, seed: 1);
        _scorer = new TopKScorer(items);
        _user = RandomMatrix.Create(1, 64, seed: 2).Row(0).ToArray();
        var random = new Random(3);
        _excluded = [.. Enumerable.Range(0, 27).Select(_ => random.Next(items.Rows)).Distinct().Order()];
    }

    [Benchmark]
    public int TopKScorer_Score() => _scorer.Score(_user, _excluded, _top, _scores);
}
