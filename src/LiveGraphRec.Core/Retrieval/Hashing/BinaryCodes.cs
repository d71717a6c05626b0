namespace LiveGraphRec.Core.Retrieval.Hashing;

/// <summary>
/// Binary hash codes of <see cref="Bits"/> bits per row (HashGNN's sign(h)), packed in ulongs. Stored word-major:
/// plane w holds word w of every row contiguously, so the Hamming scan over a catalog is one streaming XOR +
/// popcount pass per plane, vectorized across rows whatever the code length. Bit j of a row is set when
/// component j is +1.
/// </summary>
public sealed class BinaryCodes
{
    private readonly ulong[] _planes;

    /// <param name="planes">WordsPerCode planes of <paramref name="rows"/> words each, back to back.</param>
    public BinaryCodes(int rows, int bits, ulong[] planes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (bits < 64 || bits % 64 != 0 || bits > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "The code length must be a positive multiple of 64 bits.");
        }
        ArgumentNullException.ThrowIfNull(planes);
        if (planes.Length != (long)rows * (bits / 64))
        {
            throw new ArgumentException($"Expected {rows} × {bits / 64} words, got {planes.Length}.", nameof(planes));
        }
        Rows = rows;
        Bits = bits;
        _planes = planes;
    }

    public int Rows { get; }
    public int Bits { get; }
    public int WordsPerCode => Bits / 64;

    /// <summary>Word <paramref name="word"/> of every row.</summary>
    public ReadOnlySpan<ulong> Plane(int word) => _planes.AsSpan(checked(word * Rows), Rows);

    /// <summary>Copies row <paramref name="row"/>'s code (WordsPerCode words) into <paramref name="code"/>.</summary>
    public void CopyRow(int row, Span<ulong> code)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Rows, nameof(row));
        for (int w = 0; w < WordsPerCode; w++)
        {
            code[w] = _planes[(long)w * Rows + row];
        }
    }

    /// <summary>Packs the signs of a row-major [rows, bits] matrix: bit set where the value is positive.</summary>
    public static BinaryCodes FromSigns(ReadOnlySpan<float> values, int rows, int bits)
    {
        if (values.Length != (long)rows * bits)
        {
            throw new ArgumentException($"Expected {rows} × {bits} values, got {values.Length}.", nameof(values));
        }
        int words = bits / 64;
        var planes = new ulong[(long)rows * words];
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = values.Slice(r * bits, bits);
            for (int w = 0; w < words; w++)
            {
                ulong word = 0;
                for (int b = 0; b < 64; b++)
                {
                    word |= row[w * 64 + b] > 0 ? 1UL << b : 0;
                }
                planes[(long)w * rows + r] = word;
            }
        }
        return new BinaryCodes(rows, bits, planes);
    }
}
