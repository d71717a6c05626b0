using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LiveGraphRec.Core.Retrieval.Hashing;

/// <summary>Hamming distances from one code to every row of a <see cref="BinaryCodes"/> catalog.</summary>
public static class HammingDistances
{
    /// <summary>Bits set in 0..15, repeated for each 128-bit lane of VPSHUFB.</summary>
    private static readonly byte[] NibbleCounts =
        [.. Enumerable.Range(0, 64).Select(i => (byte)System.Numerics.BitOperations.PopCount((uint)(i & 15)))];

    /// <summary>distances[r] = popcount(query ⊕ codes[r]) for every row.</summary>
    public static void Compute(ReadOnlySpan<ulong> query, BinaryCodes codes, Span<ushort> distances)
    {
        if (query.Length != codes.WordsPerCode)
        {
            throw new ArgumentException($"The query has {query.Length} words; the codes have {codes.WordsPerCode}.", nameof(query));
        }
        if (distances.Length < codes.Rows)
        {
            throw new ArgumentException($"The distance span ({distances.Length}) is shorter than the catalog ({codes.Rows}).", nameof(distances));
        }
        distances = distances[..codes.Rows];
        distances.Clear();
        for (int w = 0; w < codes.WordsPerCode; w++)
        {
            AddPlane(codes.Plane(w), query[w], distances);
        }
    }

    /// <summary>distances[r] += popcount(plane[r] ⊕ word).</summary>
    private static void AddPlane(ReadOnlySpan<ulong> plane, ulong word, Span<ushort> distances)
    {
        ref ulong source = ref MemoryMarshal.GetReference(plane);
        ref ushort target = ref MemoryMarshal.GetReference(distances);
        int length = plane.Length, r = 0;
        if (Avx512BW.IsSupported)
        {
            // Eight codes per vector (.NET exposes no VPOPCNTQ): XOR, count each byte's bits with two nibble
            // look-ups (VPSHUFB), sum the eight bytes of every code (VPSADBW), narrow the counts to 16 bits (VPMOVQW).
            var query = Vector512.Create(word);
            var lowNibble = Vector512.Create((byte)0x0F);
            Vector512<byte> bitsInNibble = Vector512.Create(NibbleCounts);
            for (; r + Vector512<ulong>.Count <= length; r += Vector512<ulong>.Count)
            {
                Vector512<byte> x = (Vector512.LoadUnsafe(ref source, (nuint)r) ^ query).AsByte();
                Vector512<byte> perByte = Avx512BW.Shuffle(bitsInNibble, x & lowNibble)
                    + Avx512BW.Shuffle(bitsInNibble, Vector512.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & lowNibble);
                Vector512<ulong> counts = Avx512BW.SumAbsoluteDifferences(perByte, Vector512<byte>.Zero).AsUInt64();
                (Vector128.LoadUnsafe(ref target, (nuint)r) + Avx512F.ConvertToVector128UInt16(counts)).StoreUnsafe(ref target, (nuint)r);
            }
        }
        for (; r + 4 <= length; r += 4)
        {
            Unsafe.Add(ref target, r) += (ushort)BitOperations.PopCount(Unsafe.Add(ref source, r) ^ word);
            Unsafe.Add(ref target, r + 1) += (ushort)BitOperations.PopCount(Unsafe.Add(ref source, r + 1) ^ word);
            Unsafe.Add(ref target, r + 2) += (ushort)BitOperations.PopCount(Unsafe.Add(ref source, r + 2) ^ word);
            Unsafe.Add(ref target, r + 3) += (ushort)BitOperations.PopCount(Unsafe.Add(ref source, r + 3) ^ word);
        }
        for (; r < length; r++)
        {
            Unsafe.Add(ref target, r) += (ushort)BitOperations.PopCount(Unsafe.Add(ref source, r) ^ word);
        }
    }
}
