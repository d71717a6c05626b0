namespace LiveGraphRec.Client.Demo;

/// <summary>Latencies in milliseconds, summarized by nearest-rank percentiles.</summary>
internal sealed class LatencySample
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    public void Add(TimeSpan latency) => _milliseconds.Add(latency.TotalMilliseconds);

    /// <summary>The nearest-rank percentile (p in 0..100); NaN when nothing was recorded.</summary>
    public double Percentile(double p)
    {
        if (_milliseconds.Count == 0)
        {
            return double.NaN;
        }
        double[] sorted = [.. _milliseconds.Order()];
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
