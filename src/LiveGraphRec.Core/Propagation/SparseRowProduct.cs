using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveGraphRec.Core.Propagation;

/// <summary>
/// Weighted sums of embedding rows over CSR rows: the one kernel behind LightGCN propagation, for a
/// whole graph, a range of rows (the trainer's SpMM) and a single node's localized re-propagation.
/// </summary>
public static class SparseRowProduct
{
    /// <summary>output = Σ_k weights[k] · input[columns[k]] (rows of width <paramref name="dim"/>).</summary>
    public static void WeightedRowSum(ReadOnlySpan<int> columns, ReadOnlySpan<float> weights,
        ReadOnlySpan<float> input, int dim, Span<float> output)
    {
        output = output[..dim];
        if (dim % Vector<float>.Count != 0 || !Vector.IsHardwareAccelerated)
        {
            output.Clear();
            for (int k = 0; k < columns.Length; k++)
            {
                TensorPrimitives.MultiplyAdd(input.Slice(columns[k] * dim, dim), weights[k], output, output);
            }
            return;
        }
        // Register blocking: up to eight output vectors stay in registers while the row's edges stream
        // past, so each input row is read once per block and the output is written once.
        // The unchecked loads below rely on every column naming a row of input.
        int inputRows = input.Length / dim;
        foreach (int column in columns)
        {
            if ((uint)column >= (uint)inputRows)
            {
                throw new ArgumentOutOfRangeException(nameof(columns), column, $"Column outside the {inputRows} input rows.");
            }
        }
        ref float source = ref MemoryMarshal.GetReference(input);
        ref float target = ref MemoryMarshal.GetReference(output);
        int offset = 0;
        for (; offset + 8 * Vector<float>.Count <= dim; offset += 8 * Vector<float>.Count)
        {
            AccumulateEight(columns, weights, ref source, dim, offset, ref target);
        }
        for (; offset < dim; offset += Vector<float>.Count)
        {
            AccumulateOne(columns, weights, ref source, dim, offset, ref target);
        }
    }

    /// <summary>Rows [<paramref name="firstRow"/>, <paramref name="endRow"/>) of output = A · input, one thread.</summary>
    public static void MultiplyRows(ReadOnlySpan<int> offsets, ReadOnlySpan<int> columns, ReadOnlySpan<float> weights,
        ReadOnlySpan<float> input, int dim, Span<float> output, int firstRow, int endRow)
    {
        for (int r = firstRow; r < endRow; r++)
        {
            int from = offsets[r], count = offsets[r + 1] - from;
            WeightedRowSum(columns.Slice(from, count), weights.Slice(from, count), input, dim, output.Slice(r * dim, dim));
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
            MultiplyRows(offsets, columns, weights, input, dim, output, start, end);
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateEight(ReadOnlySpan<int> columns, ReadOnlySpan<float> weights, ref float source, int dim,
        int offset, ref float target)
    {
        int n = Vector<float>.Count;
        Vector<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (int k = 0; k < columns.Length; k++)
        {
            var w = new Vector<float>(weights[k]);
            ref float row = ref Unsafe.Add(ref source, (nint)columns[k] * dim + offset);
            a0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row), w, a0);
            a1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)n), w, a1);
            a2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(2 * n)), w, a2);
            a3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(3 * n)), w, a3);
            a4 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(4 * n)), w, a4);
            a5 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(5 * n)), w, a5);
            a6 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(6 * n)), w, a6);
            a7 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(7 * n)), w, a7);
        }
        ref float output = ref Unsafe.Add(ref target, offset);
        a0.StoreUnsafe(ref output);
        a1.StoreUnsafe(ref output, (nuint)n);
        a2.StoreUnsafe(ref output, (nuint)(2 * n));
        a3.StoreUnsafe(ref output, (nuint)(3 * n));
        a4.StoreUnsafe(ref output, (nuint)(4 * n));
        a5.StoreUnsafe(ref output, (nuint)(5 * n));
        a6.StoreUnsafe(ref output, (nuint)(6 * n));
        a7.StoreUnsafe(ref output, (nuint)(7 * n));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateOne(ReadOnlySpan<int> columns, ReadOnlySpan<float> weights, ref float source, int dim,
        int offset, ref float target)
    {
        Vector<float> a = default;
        for (int k = 0; k < columns.Length; k++)
        {
            a = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref Unsafe.Add(ref source, (nint)columns[k] * dim + offset)), new Vector<float>(weights[k]), a);
        }
        a.StoreUnsafe(ref Unsafe.Add(ref target, offset));
    }
}
