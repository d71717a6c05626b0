using System.Numerics.Tensors;

namespace LiveGraphRec.Core.Propagation;

/// <summary>
/// Weighted sums of embedding rows over a CSR row: the one kernel behind LightGCN propagation,
/// both for a whole graph and for a single node's localized re-propagation.
/// </summary>
public static class SparseRowProduct
{
    /// <summary>output = Σ_k weights[k] · input[columns[k]] (rows of width <paramref name="dim"/>).</summary>
    public static void WeightedRowSum(ReadOnlySpan<int> columns, ReadOnlySpan<float> weights,
        ReadOnlySpan<float> input, int dim, Span<float> output)
    {
        output[..dim].Clear();
        for (int k = 0; k < columns.Length; k++)
        {
            ReadOnlySpan<float> row = input.Slice(columns[k] * dim, dim);
            TensorPrimitives.MultiplyAdd(row, weights[k], output, output);
        }
    }

    /// <summary>
    /// output = A · input for a CSR matrix A (rows given by offsets/columns/weights), rows spread over
    /// the cores in contiguous chunks so each worker writes a disjoint slice.
    /// </summary>
    public static void Multiply(int[] offsets, int[] columns, float[] weights, float[] input, int dim, float[] output)
    {
        int rows = offsets.Length - 1;
        int chunks = Math.Max(1, Math.Min(rows, Environment.ProcessorCount * 8));
        Parallel.For(0, chunks, chunk =>
        {
            int start = (int)((long)rows * chunk / chunks), end = (int)((long)rows * (chunk + 1) / chunks);
            for (int r = start; r < end; r++)
            {
                int from = offsets[r], count = offsets[r + 1] - from;
                WeightedRowSum(columns.AsSpan(from, count), weights.AsSpan(from, count), input, dim,
                    output.AsSpan(r * dim, dim));
            }
        });
    }
}
