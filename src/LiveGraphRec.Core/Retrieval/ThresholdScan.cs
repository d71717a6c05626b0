using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LiveGraphRec.Core.Retrieval;

/// <summary>Finds the next score that can enter a full top-K heap, a vector width of scores per comparison.</summary>
internal static class ThresholdScan
{
    /// <summary>Index of the first value strictly greater than <paramref name="threshold"/>, or -1.</summary>
    public static int IndexOfFirstGreater(ReadOnlySpan<float> values, float threshold)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        int length = values.Length;

        // The final load overlaps already-scanned values; they failed the same threshold, so any
        // set bit it reports lies in the unscanned remainder.
        if (Vector512.IsHardwareAccelerated && length >= Vector512<float>.Count)
        {
            var bound = Vector512.Create(threshold);
            int last = length - Vector512<float>.Count;
            for (int i = 0; ; i = Math.Min(i + Vector512<float>.Count, last))
            {
                ulong mask = Vector512.GreaterThan(Vector512.LoadUnsafe(ref start, (nuint)i), bound).ExtractMostSignificantBits();
                if (mask != 0)
                {
                    return i + BitOperations.TrailingZeroCount(mask);
                }
                if (i == last)
                {
                    return -1;
                }
            }
        }
        if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count)
        {
            var bound = Vector256.Create(threshold);
            int last = length - Vector256<float>.Count;
            for (int i = 0; ; i = Math.Min(i + Vector256<float>.Count, last))
            {
                uint mask = Vector256.GreaterThan(Vector256.LoadUnsafe(ref start, (nuint)i), bound).ExtractMostSignificantBits();
                if (mask != 0)
                {
                    return i + BitOperations.TrailingZeroCount(mask);
                }
                if (i == last)
                {
                    return -1;
                }
            }
        }
        if (Vector128.IsHardwareAccelerated && length >= Vector128<float>.Count)
        {
            var bound = Vector128.Create(threshold);
            int last = length - Vector128<float>.Count;
            for (int i = 0; ; i = Math.Min(i + Vector128<float>.Count, last))
            {
                uint mask = Vector128.GreaterThan(Vector128.LoadUnsafe(ref start, (nuint)i), bound).ExtractMostSignificantBits();
                if (mask != 0)
                {
                    return i + BitOperations.TrailingZeroCount(mask);
                }
                if (i == last)
                {
                    return -1;
                }
            }
        }
        for (int i = 0; i < length; i++)
        {
            if (Unsafe.Add(ref start, i) > threshold)
            {
                return i;
            }
        }
        return -1;
    }
}
