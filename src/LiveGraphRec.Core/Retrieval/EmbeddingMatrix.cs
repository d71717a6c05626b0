namespace LiveGraphRec.Core.Retrieval;

/// <summary>A dense row-major float32 matrix of embeddings: one row of <see cref="Dim"/> floats per user or item.</summary>
public sealed class EmbeddingMatrix
{
    private readonly float[] _data;

    public EmbeddingMatrix(int rows, int dim, float[] data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != (long)rows * dim)
        {
            throw new ArgumentException($"Expected {rows} × {dim} = {(long)rows * dim} floats, got {data.Length}.", nameof(data));
        }
        Rows = rows;
        Dim = dim;
        _data = data;
    }

    public int Rows { get; }
    public int Dim { get; }

    /// <summary>All rows, back to back.</summary>
    public ReadOnlySpan<float> Values => _data;

    public ReadOnlySpan<float> Row(int row) => _data.AsSpan(checked(row * Dim), Dim);

    /// <summary><paramref name="count"/> consecutive rows starting at <paramref name="firstRow"/>.</summary>
    public ReadOnlySpan<float> RowBlock(int firstRow, int count) => _data.AsSpan(checked(firstRow * Dim), checked(count * Dim));
}
