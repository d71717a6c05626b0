using System.Numerics.Tensors;

namespace LiveGraphRec.Core.LinearAlgebra;

/// <summary>
/// Operations on tall row-major float matrices (many rows, few columns) against small dense ones:
/// the shapes of randomized SVD. Rows are processed in parallel chunks.
/// </summary>
public static class TallMatrix
{
    /// <summary>Gram matrix YᵀY (cols×cols, double) of a rows×cols matrix.</summary>
    public static double[] Gram(float[] y, int rows, int cols)
    {
        var total = new double[cols * cols];
        object gate = new();
        Parallel.For(0, Chunks(rows), () => new float[cols * cols], (chunk, _, partial) =>
        {
            var (start, end) = ChunkRange(rows, chunk);
            for (int r = start; r < end; r++)
            {
                ReadOnlySpan<float> row = y.AsSpan(r * cols, cols);
                for (int a = 0; a < cols; a++)
                {
                    TensorPrimitives.MultiplyAdd(row, row[a], partial.AsSpan(a * cols, cols), partial.AsSpan(a * cols, cols));
                }
            }
            return partial;
        }, partial =>
        {
            lock (gate)
            {
                for (int k = 0; k < partial.Length; k++)
                {
                    total[k] += partial[k];
                }
            }
        });
        return total;
    }

    /// <summary>output (rows×outCols) = y (rows×cols) · small (cols×outCols, row-major).</summary>
    public static void MultiplySmall(float[] y, int rows, int cols, float[] small, int outCols, float[] output)
    {
        Parallel.For(0, Chunks(rows), chunk =>
        {
            var (start, end) = ChunkRange(rows, chunk);
            for (int r = start; r < end; r++)
            {
                ReadOnlySpan<float> row = y.AsSpan(r * cols, cols);
                Span<float> target = output.AsSpan(r * outCols, outCols);
                target.Clear();
                for (int a = 0; a < cols; a++)
                {
                    TensorPrimitives.MultiplyAdd(small.AsSpan(a * outCols, outCols), row[a], target, target);
                }
            }
        });
    }

    /// <summary>
    /// Replaces the columns of y by an orthonormal basis of their span (y ← y·W·Λ^-1/2 from the
    /// eigen-decomposition of YᵀY), twice for accuracy; columns of a rank-deficient input become zero.
    /// </summary>
    public static void Orthonormalize(float[] y, int rows, int cols)
    {
        var scratch = new float[y.Length];
        for (int pass = 0; pass < 2; pass++)
        {
            var (values, vectors) = SymmetricEigen.Decompose(Gram(y, rows, cols), cols);
            var transform = new float[cols * cols];
            double floor = values[0] * 1e-10;
            for (int a = 0; a < cols; a++)
            {
                for (int c = 0; c < cols; c++)
                {
                    transform[a * cols + c] = values[c] > floor ? (float)(vectors[a * cols + c] / Math.Sqrt(values[c])) : 0f;
                }
            }
            MultiplySmall(y, rows, cols, transform, cols, scratch);
            scratch.AsSpan().CopyTo(y);
        }
    }

    private static int Chunks(int rows) => Math.Max(1, Math.Min(rows, Environment.ProcessorCount * 4));

    private static (int Start, int End) ChunkRange(int rows, int chunk)
    {
        int chunks = Chunks(rows);
        return ((int)((long)rows * chunk / chunks), (int)((long)rows * (chunk + 1) / chunks));
    }
}
