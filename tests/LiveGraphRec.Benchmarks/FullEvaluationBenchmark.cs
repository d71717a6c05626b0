using BenchmarkDotNet.Attributes;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Retrieval;
using TorchSharp;
using static TorchSharp.torch;

namespace LiveGraphRec.Benchmarks;

/// <summary>
/// Top-20 for all Gowalla users (random d = 64 embeddings) excluding their training items: our blocked
/// SGEMM path and per-user TensorPrimitives path against TorchSharp mm + index_put_(-inf) + topk over
/// the same user blocks, all on <see cref="Threads"/> threads.
/// </summary>
public class FullEvaluationBenchmark
{
    private const int K = 20;
    private const int Dim = 64;
    private const int Threads = 2;

    private EmbeddingMatrix _users = null!;
    private EmbeddingMatrix _items = null!;
    private BipartiteGraph _train = null!;
    private BatchRanker _ranker = null!;
    private int[] _top = null!;
    private Tensor _userTensor = null!;
    private Tensor _itemsTransposed = null!;
    private Tensor _minusInfinity = null!;
    private (Tensor Rows, Tensor Columns)[] _blockExclusions = null!;

    [GlobalSetup]
    public void Setup()
    {
        _train = GowallaTrainGraph.Load(out string source);
        Console.WriteLine($"// Exclusions: {source}, {_train.UserCount} users, {_train.ItemCount} items, {_train.EdgeCount} edges");
        _users = RandomMatrix.Create(_train.UserCount, Dim, seed: 4);
        _items = RandomMatrix.Create(_train.ItemCount, Dim, seed: 5);
        _ranker = new BatchRanker(_items, Threads);
        _top = new int[_users.Rows * K];

        torch.set_num_threads(Threads);
        _userTensor = torch.tensor(_users.Values.ToArray(), _users.Rows, Dim);
        _itemsTransposed = torch.tensor(_items.Values.ToArray(), _items.Rows, Dim).t().contiguous();
        _minusInfinity = torch.tensor(float.NegativeInfinity);
        // Exclusion coordinates per block are prepared once, as LightGCN prepares them per batch outside the timed ranking.
        _blockExclusions = [.. Enumerable.Range(0, BlockCount).Select(BlockExclusions)];
        ReportAgreement();
    }

    /// <summary>Both paths must rank the same items; float summation order may only swap near-ties.</summary>
    private void ReportAgreement()
    {
        int[] torchTop = [.. TorchSharp_MmTopk()];
        int[] ours = BatchRanker_BlockedSgemm();
        int same = torchTop.Zip(ours).Count(pair => pair.First == pair.Second);
        Console.WriteLine($"// Top-{K} entries equal to TorchSharp's: {same} of {ours.Length} ({100.0 * same / ours.Length:F3}%)");
    }

    private int BlockCount => (_users.Rows + BatchRanker.BlockUsers - 1) / BatchRanker.BlockUsers;

    [Benchmark]
    public int[] BatchRanker_BlockedSgemm()
    {
        _ranker.Rank(_users, _train.ItemsOf, K, _top);
        return _top;
    }

    [Benchmark]
    public int[] TopKScorer_PerUserDot()
    {
        int next = -1;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ =>
        {
            var scorer = new TopKScorer(_items);
            var scores = new float[K];
            for (int user = Interlocked.Increment(ref next); user < _users.Rows; user = Interlocked.Increment(ref next))
            {
                Span<int> top = _top.AsSpan(user * K, K);
                top[scorer.Score(_users.Row(user), _train.ItemsOf(user), top, scores)..].Fill(-1);
            }
        });
        return _top;
    }

    [Benchmark(Baseline = true)]
    public int[] TorchSharp_MmTopk()
    {
        using var noGrad = torch.no_grad();
        for (int block = 0; block < BlockCount; block++)
        {
            using var scope = torch.NewDisposeScope();
            int first = block * BatchRanker.BlockUsers;
            int count = Math.Min(BatchRanker.BlockUsers, _users.Rows - first);
            Tensor scores = torch.mm(_userTensor.narrow(0, first, count), _itemsTransposed);
            (Tensor rows, Tensor columns) = _blockExclusions[block];
            scores.index_put_(_minusInfinity, rows, columns);
            (_, Tensor indexes) = scores.topk(K, dim: 1);
            indexes.to_type(ScalarType.Int32).data<int>().CopyTo(_top, first * K);
        }
        return _top;
    }

    private (Tensor Rows, Tensor Columns) BlockExclusions(int block)
    {
        int first = block * BatchRanker.BlockUsers;
        int count = Math.Min(BatchRanker.BlockUsers, _users.Rows - first);
        var rows = new List<long>();
        var columns = new List<long>();
        for (int i = 0; i < count; i++)
        {
            foreach (int item in _train.ItemsOf(first + i))
            {
                rows.Add(i);
                columns.Add(item);
            }
        }
        return (torch.tensor(rows.ToArray()), torch.tensor(columns.ToArray()));
    }
}
