namespace LiveGraphRec.Core.LinearAlgebra;

/// <summary>A sparse linear operator A (rows×cols) given by products with tall dense matrices.</summary>
public interface ISparseOperator
{
    int Rows { get; }
    int Columns { get; }
    /// <summary>output (Rows×width) = A · input (Columns×width).</summary>
    void Multiply(float[] input, int width, float[] output);
    /// <summary>output (Columns×width) = Aᵀ · input (Rows×width).</summary>
    void MultiplyTransposed(float[] input, int width, float[] output);
}

/// <summary>The top singular triplets of a matrix: A ≈ U diag(S) Vᵀ, row-major factors.</summary>
public sealed record TruncatedSvd(int Rank, float[] Left, float[] Values, float[] Right);

/// <summary>
/// Randomized truncated SVD with power iteration (Halko, Martinsson and Tropp 2011): only products
/// with A and Aᵀ are needed, so it runs on the sparse graph directly.
/// </summary>
public static class RandomizedSvd
{
    public static TruncatedSvd Compute(ISparseOperator a, int rank, int powerIterations = 4, int oversampling = 10, int seed = 0)
    {
        int width = Math.Min(rank + oversampling, Math.Min(a.Rows, a.Columns));
        if (rank < 1 || rank > width)
        {
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"Rank must be in 1..{width} for a {a.Rows}×{a.Columns} matrix.");
        }
        var omega = new float[a.Columns * width];
        var random = new Random(seed);
        for (int k = 0; k < omega.Length; k++)
        {
            omega[k] = (float)Gaussian(random);
        }

        var q = new float[a.Rows * width];
        a.Multiply(omega, width, q);
        TallMatrix.Orthonormalize(q, a.Rows, width);
        var z = omega; // reuse: Columns×width
        for (int i = 0; i < powerIterations; i++)
        {
            a.MultiplyTransposed(q, width, z);
            TallMatrix.Orthonormalize(z, a.Columns, width);
            a.Multiply(z, width, q);
            TallMatrix.Orthonormalize(q, a.Rows, width);
        }

        // Z = Aᵀ Q = Bᵀ; B Bᵀ = ZᵀZ = W Λ Wᵀ gives σ = √λ, U = Q W, V = Z W / σ.
        a.MultiplyTransposed(q, width, z);
        var (lambda, w) = SymmetricEigen.Decompose(TallMatrix.Gram(z, a.Columns, width), width);
        var values = new float[rank];
        var leftTransform = new float[width * rank];
        var rightTransform = new float[width * rank];
        for (int c = 0; c < rank; c++)
        {
            double sigma = Math.Sqrt(Math.Max(lambda[c], 0));
            values[c] = (float)sigma;
            for (int r = 0; r < width; r++)
            {
                leftTransform[r * rank + c] = (float)w[r * width + c];
                rightTransform[r * rank + c] = sigma > 0 ? (float)(w[r * width + c] / sigma) : 0f;
            }
        }
        var left = new float[a.Rows * rank];
        var right = new float[a.Columns * rank];
        TallMatrix.MultiplySmall(q, a.Rows, width, leftTransform, rank, left);
        TallMatrix.MultiplySmall(z, a.Columns, width, rightTransform, rank, right);
        return new TruncatedSvd(rank, left, values, right);
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller; 1 - NextDouble() keeps the logarithm's argument in (0, 1].
        return Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
