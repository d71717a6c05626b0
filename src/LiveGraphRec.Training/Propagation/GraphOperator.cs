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
    private Tensor? _deviceMatrix;

    public GraphOperator(SymmetricAdjacency adjacency, Device device, int threads)
    {
        _adjacency = adjacency;
        _threads = Math.Max(1, threads);
        Device = device;
        if (device.type != DeviceType.CPU)
        {
            _deviceMatrix = ToSparse(adjacency, device);
        }
    }

    public Device Device { get; }
    public int NodeCount => _adjacency.NodeCount;
    public SymmetricAdjacency Adjacency => _adjacency;

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

    private static Tensor ToSparse(SymmetricAdjacency adjacency, Device device)
    {
        var rows = new long[adjacency.NonZeros];
        for (int r = 0; r < adjacency.NodeCount; r++)
        {
            rows.AsSpan(adjacency.Offsets[r], adjacency.Offsets[r + 1] - adjacency.Offsets[r]).Fill(r);
        }
        var columns = Array.ConvertAll(adjacency.Columns, c => (long)c);
        using var indices = stack([tensor(rows), tensor(columns)]);
        using var values = tensor(adjacency.Weights);
        using var matrix = sparse_coo_tensor(indices, values, [adjacency.NodeCount, adjacency.NodeCount]);
        return matrix.to(device);
    }

    public void Dispose()
    {
        _deviceMatrix?.Dispose();
        _deviceMatrix = null;
    }
}
