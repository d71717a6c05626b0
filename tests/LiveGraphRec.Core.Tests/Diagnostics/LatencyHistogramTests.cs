using LiveGraphRec.Core.Diagnostics;

namespace LiveGraphRec.Core.Tests.Diagnostics;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void PercentilesOfUniformValuesAreWithinTheBucketPrecision()
    {
        var histogram = new LatencyHistogram();
        for (int micros = 1; micros <= 100_000; micros++)
        {
            histogram.Record(TimeSpan.FromMicroseconds(micros));
        }
        Assert.Equal(100_000, histogram.Count);
        foreach (double quantile in new[] { 0.5, 0.9, 0.99, 0.999 })
        {
            double expected = quantile * 100_000, actual = histogram.Percentile(quantile).TotalMicroseconds;
            Assert.InRange(actual, expected, expected * (1 + 1.0 / 64) + 1);
        }
        Assert.Equal(TimeSpan.FromMicroseconds(100_000), histogram.Max);
        Assert.Equal(TimeSpan.FromMicroseconds(100_000), histogram.Percentile(1));
    }

    [Fact]
    public void SmallValuesAreExactAndATailShowsInTheHighPercentiles()
    {
        var histogram = new LatencyHistogram();
        for (int n = 0; n < 990; n++)
        {
            histogram.Record(TimeSpan.FromMicroseconds(100));
        }
        for (int n = 0; n < 10; n++)
        {
            histogram.Record(TimeSpan.FromSeconds(2));
        }
        Assert.Equal(TimeSpan.FromMicroseconds(100), histogram.Percentile(0.5));
        Assert.Equal(TimeSpan.FromMicroseconds(100), histogram.Percentile(0.99));
        Assert.InRange(histogram.Percentile(0.995).TotalSeconds, 2, 2 * (1 + 1.0 / 64));
    }

    [Fact]
    public void ConcurrentRecordingLosesNothingAndResetEmpties()
    {
        var histogram = new LatencyHistogram();
        Parallel.For(0, 8, worker =>
        {
            for (int n = 0; n < 10_000; n++)
            {
                histogram.Record(TimeSpan.FromMilliseconds(1 + (n % 50)));
            }
        });
        Assert.Equal(80_000, histogram.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(50), histogram.Max);
        histogram.Reset();
        Assert.Equal(0, histogram.Count);
        Assert.Equal(TimeSpan.Zero, histogram.Percentile(0.99));
    }
}
