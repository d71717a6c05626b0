namespace LiveGraphRec.Core.Diagnostics;

/// <summary>
/// A thread-safe latency histogram in microseconds with log-linear buckets (HdrHistogram's layout with
/// 64 sub-buckets per power of two): exact below 128 µs, within 1/64 (1.6 %) above, from 0 to about 25 days (longer is counted as that).
/// Recording is one interlocked increment and allocates nothing, so hot paths (every applied event, every
/// load-test request) can record without a lock. Percentiles report the upper edge of their bucket.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBuckets = 64;
    private const int LinearLimit = 2 * SubBuckets;
    private const int MaxExponent = 40;

    private readonly long[] _counts = new long[LinearLimit + (MaxExponent - 6) * SubBuckets];
    private long _count;
    private long _max;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>The largest value recorded, exactly.</summary>
    public TimeSpan Max => TimeSpan.FromMicroseconds(Interlocked.Read(ref _max));

    public void Record(TimeSpan latency)
    {
        long micros = Math.Max(0, (long)latency.TotalMicroseconds);
        Interlocked.Increment(ref _counts[BucketOf(micros)]);
        Interlocked.Increment(ref _count);
        long max = Interlocked.Read(ref _max);
        while (micros > max)
        {
            long seen = Interlocked.CompareExchange(ref _max, micros, max);
            if (seen == max)
            {
                break;
            }
            max = seen;
        }
    }

    /// <summary>The latency at or below which <paramref name="quantile"/> of the recordings fall (zero when empty).</summary>
    public TimeSpan Percentile(double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        long total = Count;
        if (total == 0)
        {
            return TimeSpan.Zero;
        }
        long rank = Math.Max(1, (long)Math.Ceiling(quantile * total)), seen = 0;
        for (int bucket = 0; bucket < _counts.Length; bucket++)
        {
            seen += Interlocked.Read(ref _counts[bucket]);
            if (seen >= rank)
            {
                return TimeSpan.FromMicroseconds(Math.Min(UpperEdge(bucket), Interlocked.Read(ref _max)));
            }
        }
        return Max;
    }

    public void Reset()
    {
        for (int bucket = 0; bucket < _counts.Length; bucket++)
        {
            Interlocked.Exchange(ref _counts[bucket], 0);
        }
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _max, 0);
    }

    private static int BucketOf(long micros)
    {
        if (micros < LinearLimit)
        {
            return (int)micros;
        }
        // micros in [2^e, 2^(e+1)) with e ≥ 7 keeps its top 7 bits: 64 sub-buckets of width 2^(e-6).
        int exponent = Math.Min(63 - (int)long.LeadingZeroCount(micros), MaxExponent);
        int shift = exponent - 6;
        long subBucket = Math.Min(micros >> shift, 2 * SubBuckets - 1) - SubBuckets;
        return LinearLimit + (exponent - 7) * SubBuckets + (int)subBucket;
    }

    private static long UpperEdge(int bucket)
    {
        if (bucket < LinearLimit)
        {
            return bucket;
        }
        int exponent = (bucket - LinearLimit) / SubBuckets + 7, subBucket = (bucket - LinearLimit) % SubBuckets;
        int shift = exponent - 6;
        return ((long)(SubBuckets + subBucket + 1) << shift) - 1;
    }
}
