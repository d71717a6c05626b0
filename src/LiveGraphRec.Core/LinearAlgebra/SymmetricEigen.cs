namespace LiveGraphRec.Core.LinearAlgebra;

/// <summary>
/// Eigen-decomposition of a small dense symmetric matrix by cyclic Jacobi rotations. Used on the
/// l×l Gram matrices of randomized SVD (l ≈ 100), where its O(l³) per sweep is negligible.
/// </summary>
public static class SymmetricEigen
{
    /// <summary>
    /// Decomposes the row-major n×n symmetric <paramref name="matrix"/> (destroyed) into eigenvalues
    /// sorted descending and the matching eigenvectors as the columns of a row-major n×n matrix.
    /// </summary>
    public static (double[] Values, double[] Vectors) Decompose(double[] matrix, int n)
    {
        if (matrix.Length != n * n)
        {
            throw new ArgumentException($"Expected {n}×{n} values, got {matrix.Length}.", nameof(matrix));
        }
        var v = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            v[i * n + i] = 1;
        }
        for (int sweep = 0; sweep < 100 && OffDiagonalNorm(matrix, n) > 1e-22 * Math.Max(1, DiagonalNorm(matrix, n)); sweep++)
        {
            for (int p = 0; p < n - 1; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    Rotate(matrix, v, n, p, q);
                }
            }
        }
        var order = Enumerable.Range(0, n).OrderByDescending(i => matrix[i * n + i]).ToArray();
        var values = new double[n];
        var vectors = new double[n * n];
        for (int c = 0; c < n; c++)
        {
            values[c] = matrix[order[c] * n + order[c]];
            for (int r = 0; r < n; r++)
            {
                vectors[r * n + c] = v[r * n + order[c]];
            }
        }
        return (values, vectors);
    }

    private static void Rotate(double[] a, double[] v, int n, int p, int q)
    {
        double apq = a[p * n + q];
        if (Math.Abs(apq) < 1e-300)
        {
            return;
        }
        double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        double t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
        double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
        for (int k = 0; k < n; k++)
        {
            double akp = a[k * n + p], akq = a[k * n + q];
            a[k * n + p] = c * akp - s * akq;
            a[k * n + q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++)
        {
            double apk = a[p * n + k], aqk = a[q * n + k];
            a[p * n + k] = c * apk - s * aqk;
            a[q * n + k] = s * apk + c * aqk;
        }
        for (int k = 0; k < n; k++)
        {
            double vkp = v[k * n + p], vkq = v[k * n + q];
            v[k * n + p] = c * vkp - s * vkq;
            v[k * n + q] = s * vkp + c * vkq;
        }
    }

    private static double OffDiagonalNorm(double[] a, int n)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (i != j)
                {
                    sum += a[i * n + j] * a[i * n + j];
                }
            }
        }
        return sum;
    }

    private static double DiagonalNorm(double[] a, int n)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += a[i * n + i] * a[i * n + i];
        }
        return sum;
    }
}
