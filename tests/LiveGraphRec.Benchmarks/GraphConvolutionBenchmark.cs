using BenchmarkDotNet.Attributes;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Training.Propagation;
using static TorchSharp.torch;

namespace LiveGraphRec.Benchmarks;

/// <summary>
/// One LightGCN layer Ã·E on the Gowalla graph (70,839 nodes, 1.62M nonzeros, d = 64): our CSR kernel on
/// the tensor's memory against libtorch's sparse COO mm, both on 2 threads.
/// </summary>
public class GraphConvolutionBenchmark
{
    private GraphOperator _ours = null!;
    private Tensor _coo = null!;
    private Tensor _embeddings = null!;

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(2);
        var adjacency = SymmetricAdjacency.From(GowallaTrainGraph.Load(out string source));
        Console.WriteLine($"// graph: {source}, {adjacency.NodeCount:N0} nodes, {adjacency.NonZeros:N0} nonzeros");
        _ours = new GraphOperator(adjacency, CPU, threads: 2);
        var rows = new long[adjacency.NonZeros];
        for (int r = 0; r < adjacency.NodeCount; r++)
        {
            rows.AsSpan(adjacency.Offsets[r], adjacency.Offsets[r + 1] - adjacency.Offsets[r]).Fill(r);
        }
        using var indices = stack([tensor(rows), tensor(Array.ConvertAll(adjacency.Columns, c => (long)c))]);
        using var values = tensor(adjacency.Weights);
        _coo = sparse_coo_tensor(indices, values, [adjacency.NodeCount, adjacency.NodeCount]);
        _embeddings = randn(adjacency.NodeCount, 64);
        using var a = _ours.Multiply(_embeddings);
        using var b = mm(_coo, _embeddings);
        Console.WriteLine($"// max |ours − libtorch| = {(a - b).abs().max().item<float>():E2}");
    }

    [Benchmark(Baseline = true)]
    public void LibTorchCooMm()
    {
        using var result = mm(_coo, _embeddings);
    }

    [Benchmark]
    public void CsrKernel()
    {
        using var result = _ours.Multiply(_embeddings);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ours.Dispose();
        _coo.Dispose();
        _embeddings.Dispose();
    }
}
