using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Propagation;

namespace LiveGraphRec.Training.Propagation;

/// <summary>
/// Multiplies dense node matrices by the normalized adjacency Ã. On the CPU it runs the core's
/// register-blocked CSR kernel straight on the tensor's memory (about 3× libtorch's COO mm here);
/// on other devices it uses libtorch's sparse COO mm with the matrix uploaded once.
/// </summary>
public sealed class GraphOperator : IDisposable
{
    private readonly SymmetricAdjacency _adjacency;
    private readonly int _threads;
    /// <summary>On a device: the COO indices (owned by the operator that uploaded them) and the matrix.</summary>
    private readonly Tensor? _deviceIndices;
    private readonly bool _ownsIndices;
    private Tensor? _deviceMatrix;

    public GraphOperator(SymmetricAdjacency adjacency, Device device, int threads)
    {
        _adjacency = adjacency;
        _threads = Math.Max(1, threads);
        Device = device;
        if (device.type != DeviceType.CPU)
        {
            _deviceIndices = CooIndices(adjacency, device);
            _ownsIndices = true;
            using var weights = tensor(adjacency.Weights, device: device);
            _deviceMatrix = sparse_coo_tensor(_deviceIndices, weights, [adjacency.NodeCount, adjacency.NodeCount]);
        }
    }

    private GraphOperator(SymmetricAdjacency adjacency, Device device, int threads, Tensor indices, Tensor matrix)
    {
        _adjacency = adjacency;
        _threads = threads;
        Device = device;
        _deviceIndices = indices;
        _deviceMatrix = matrix;
    }

    public Device Device { get; }
    public int NodeCount => _adjacency.NodeCount;
    /// <summary>The graph; for an operator from <see cref="Reweighted"/> on a device, its pattern and the original weights.</summary>
    public SymmetricAdjacency Adjacency => _adjacency;

    /// <summary>
    /// The operator of the same sparsity pattern with other <paramref name="weights"/> (one per CSR entry, on this
    /// operator's device). On a device the weights stay there and the indices are shared; the new operator's matrix
    /// belongs to the caller's dispose scope. On the CPU the weights are read into a new CSR for the core kernel.
    /// </summary>
    public GraphOperator Reweighted(Tensor weights)
    {
        if (weights.shape.Length != 1 || weights.shape[0] != _adjacency.NonZeros)
        {
            throw new ArgumentException($"Expected {_adjacency.NonZeros} weights, got shape [{string.Join(", ", weights.shape)}].", nameof(weights));
        }
        if (_deviceIndices is null)
        {
            using var host = weights.detach().contiguous();
            return new GraphOperator(_adjacency.WithWeights(host.data<float>().ToArray()), Device, _threads);
        }
        using var values = weights.detach();
        return new GraphOperator(_adjacency, Device, _threads, _deviceIndices,
            sparse_coo_tensor(_deviceIndices, values, [_adjacency.NodeCount, _adjacency.NodeCount]));
    }

    /// <summary>Ã · x for x of shape [NodeCount, d]; a new tensor, outside autograd.</summary>
    public Tensor Multiply(Tensor x)
    {
        if (_deviceMatrix is not null)
        {
            return mm(_deviceMatrix, x);
        }
        using var input = x.contiguous();
        var output = empty_like(input);
        MultiplyOnCpu(input, output);
        return output;
    }

    private unsafe void MultiplyOnCpu(Tensor input, Tensor output)
    {
        int dim = (int)input.shape[1];
        int length = checked(NodeCount * dim);
        float* source = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(input.bytes));
        float* target = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(output.bytes));
        // libtorch owns both buffers and neither moves; the tensors outlive the parallel loop.
        int rows = NodeCount, chunks = Math.Min(rows, _threads * 16);
        var adjacency = _adjacency;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = _threads }, chunk =>
        {
            int first = (int)((long)rows * chunk / chunks), end = (int)((long)rows * (chunk + 1) / chunks);
            SparseRowProduct.MultiplyRows(adjacency.Offsets, adjacency.Columns, adjacency.Weights,
                new ReadOnlySpan<float>(source, length), dim, new Span<float>(target, length), first, end);
        });
    }

    private static Tensor CooIndices(SymmetricAdjacency adjacency, Device device)
    {
        var rows = new long[adjacency.NonZeros];
        for (int r = 0; r < adjacency.NodeCount; r++)
        {
            rows.AsSpan(adjacency.Offsets[r], adjacency.Offsets[r + 1] - adjacency.Offsets[r]).Fill(r);
        }
        var columns = Array.ConvertAll(adjacency.Columns, c => (long)c);
        using var rowIndices = tensor(rows);
        using var columnIndices = tensor(columns);
        using var indices = stack([rowIndices, columnIndices]);
        return indices.to(device);
    }

    public void Dispose()
    {
        _deviceMatrix?.Dispose();
        _deviceMatrix = null;
        if (_ownsIndices)
        {
            _deviceIndices?.Dispose();
        }
    }
}
