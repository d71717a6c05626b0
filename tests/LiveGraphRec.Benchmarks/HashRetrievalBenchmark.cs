using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Cloud.Unum.USearch;
using LiveGraphRec.Core.Retrieval;
using LiveGraphRec.Core.Retrieval.Hashing;

namespace LiveGraphRec.Benchmarks;

/// <summary>
/// Per-query top-20 latency, one thread, over a Gowalla-sized (40,981) and a 1,000,000-item catalog of 64-dim
/// embeddings with 64-bit codes: Hamming ranking alone, hierarchical search (Hamming shortlist of 200 or 1,000,
/// exact re-rank), exact scan, and a USearch HNSW index (inner product). The data are a Gaussian mixture (256
/// clusters) and the codes are the embeddings' signs — stand-ins for trained HashGNN codes, which only change
/// recall, not cost. Setup prints each method's recall of the exact top-20. The HNSW index at a million items is
/// built only with LIVEGRAPHREC_HNSW_1M=1 (else that case returns 0 at once).
/// </summary>
public class HashRetrievalBenchmark
{
    public const string LargeHnswVariable = "LIVEGRAPHREC_HNSW_1M";
    private const int K = 20, Dim = 64, Bits = 64, Queries = 256;
    private readonly int[] _top = new int[K];
    private readonly float[] _scores = new float[K];
    private readonly ulong[] _code = new ulong[Bits / 64];
    private TopKScorer _exact = null!;
    private HammingSearcher _hamming = null!;
    private HierarchicalSearcher _shortlist200 = null!;
    private HierarchicalSearcher _shortlist1000 = null!;
    private USearchIndex? _hnsw;
    private float[][] _users = null!;
    private BinaryCodes _userCodes = null!;
    private int _next;

    [Params(40_981, 1_000_000)]
    public int Items { get; set; }

    /// <summary>HNSW search expansion (ef); larger is slower and closer to exact.</summary>
    [Params(64)]
    public int Expansion { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(17);
        float[] centers = Mixture(random, 256, null, 1);
        EmbeddingMatrix items = new(Items, Dim, Mixture(random, Items, centers, 0.5));
        _users = [.. Enumerable.Range(0, Queries).Select(_ => Mixture(random, 1, centers, 0.5))];
        _userCodes = BinaryCodes.FromSigns(_users.SelectMany(u => u).ToArray(), Queries, Bits);
        BinaryCodes itemCodes = BinaryCodes.FromSigns(items.Values, Items, Bits);
        _exact = new TopKScorer(items);
        _hamming = new HammingSearcher(itemCodes);
        _shortlist200 = new HierarchicalSearcher(itemCodes, items, 200);
        _shortlist1000 = new HierarchicalSearcher(itemCodes, items, 1000);
        // One core builds ~700 items/s here: a million-item index takes ~25 min, so it is opt-in.
        _hnsw = Items <= 100_000 || Environment.GetEnvironmentVariable(LargeHnswVariable) == "1" ? Hnsw(items, Expansion) : null;
        ReportRecall();
    }

    /// <summary>
    /// One index per catalog for the whole process (the in-process toolchain runs every case in it): a build
    /// takes minutes at a million items, and setup runs once per benchmark method.
    /// </summary>
    private static USearchIndex Hnsw(EmbeddingMatrix items, int expansion)
    {
        lock (Indexes)
        {
            if (!Indexes.TryGetValue((items.Rows, expansion), out USearchIndex? index))
            {
                var build = Stopwatch.StartNew();
                index = new USearchIndex(MetricKind.Ip, ScalarKind.Float32, (ulong)items.Dim, 16, 128, (ulong)expansion);
                var rows = new float[items.Rows][];
                for (int i = 0; i < rows.Length; i++)
                {
                    rows[i] = items.Row(i).ToArray();
                }
                index.Add([.. Enumerable.Range(0, rows.Length).Select(i => (ulong)i)], rows);
                Console.WriteLine($"// HNSW build (connectivity 16, expansion 128 on add): {items.Rows:N0} items in {build.Elapsed.TotalSeconds:0.0} s");
                Indexes[(items.Rows, expansion)] = index;
            }
            return index;
        }
    }

    private static readonly Dictionary<(int Items, int Expansion), USearchIndex> Indexes = [];

    [Benchmark(Baseline = true)]
    public int Exact() => _exact.Score(_users[Next()], [], _top, _scores);

    [Benchmark]
    public int HammingOnly()
    {
        _userCodes.CopyRow(Next(), _code);
        return _hamming.Search(_code, [], _top);
    }

    [Benchmark]
    public int Hierarchical200() => Hierarchical(_shortlist200);

    [Benchmark]
    public int Hierarchical1000() => Hierarchical(_shortlist1000);

    [Benchmark]
    public int Hnsw() => _hnsw is null ? 0 : _hnsw.Search(_users[Next()], K, out _, out _);

    private int Hierarchical(HierarchicalSearcher searcher)
    {
        int query = Next();
        _userCodes.CopyRow(query, _code);
        return searcher.Search(_code, _users[query], [], _top, _scores);
    }

    private int Next() => _next = (_next + 1) % Queries;

    private void ReportRecall()
    {
        double hamming = 0, h200 = 0, h1000 = 0, hnsw = 0;
        for (int q = 0; q < Queries; q++)
        {
            _exact.Score(_users[q], [], _top, _scores);
            var truth = _top.ToHashSet();
            _userCodes.CopyRow(q, _code);
            _hamming.Search(_code, [], _top);
            hamming += _top.Count(truth.Contains);
            _shortlist200.Search(_code, _users[q], [], _top, _scores);
            h200 += _top.Count(truth.Contains);
            _shortlist1000.Search(_code, _users[q], [], _top, _scores);
            h1000 += _top.Count(truth.Contains);
            if (_hnsw is not null)
            {
                _hnsw.Search(_users[q], K, out ulong[] keys, out _);
                hnsw += keys.Count(key => truth.Contains((int)key));
            }
        }
        double total = (double)Queries * K;
        Console.WriteLine($"// Recall of the exact top-{K} over {Queries} queries, {Items:N0} items: Hamming {hamming / total:0.000}, " +
            $"hierarchical-200 {h200 / total:0.000}, hierarchical-1000 {h1000 / total:0.000}, HNSW(ef={Expansion}) {hnsw / total:0.000}");
    }

    /// <summary>Rows drawn around random centers (or the centers themselves when none are given).</summary>
    private static float[] Mixture(Random random, int rows, float[]? centers, double spread)
    {
        var data = new float[rows * Dim];
        for (int r = 0; r < rows; r++)
        {
            int center = centers is null ? 0 : random.Next(centers.Length / Dim);
            for (int d = 0; d < Dim; d++)
            {
                double noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                data[r * Dim + d] = (float)((centers is null ? 0 : centers[center * Dim + d]) + spread * noise) * 0.1f;
            }
        }
        return data;
    }
}
