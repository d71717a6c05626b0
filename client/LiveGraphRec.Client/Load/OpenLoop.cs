using System.Diagnostics;
using LiveGraphRec.Client.Http;
using Polly.Timeout;

namespace LiveGraphRec.Client.Load;

/// <summary>
/// Open-loop pacing: operation n is due at start + n / rate whatever happened to earlier ones, and its latency
/// is measured from that due time, not from when it was actually sent. A stalled server therefore shows as
/// high latency of everything scheduled during the stall (no coordinated omission), and the offered rate
/// does not drop when the server slows down. At most <c>maxInFlight</c> operations run at once; waiting
/// for a slot counts into the latency.
/// </summary>
public static class OpenLoop
{
    /// <param name="operation">Runs operation n and returns the units it carried (e.g. events).</param>
    /// <returns>Once every operation due within <paramref name="duration"/> has completed.</returns>
    public static async Task RunAsync(double rate, TimeSpan duration, SemaphoreSlim slots, OperationStats stats,
        Func<long, CancellationToken, Task<int>> operation, CancellationToken cancellationToken)
    {
        if (rate <= 0)
        {
            return;
        }
        long total = (long)Math.Floor(rate * duration.TotalSeconds), start = Stopwatch.GetTimestamp();
        var running = new List<Task>();
        for (long n = 0; n < total && !cancellationToken.IsCancellationRequested; n++)
        {
            long due = start + (long)(n / rate * Stopwatch.Frequency);
            TimeSpan ahead = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (ahead > TimeSpan.Zero)
            {
                await Task.Delay(ahead, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            running.Add(RunOneAsync(n, due, slots, stats, operation, cancellationToken));
        }
        await Task.WhenAll(running);
    }

    private static async Task RunOneAsync(long n, long due, SemaphoreSlim slots, OperationStats stats,
        Func<long, CancellationToken, Task<int>> operation, CancellationToken cancellationToken)
    {
        try
        {
            await slots.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            stats.Fail("cancelled");
            return;
        }
        long sent = Stopwatch.GetTimestamp();
        try
        {
            int units = await operation(n, cancellationToken);
            stats.Succeed(Stopwatch.GetElapsedTime(due), Stopwatch.GetElapsedTime(sent), units);
        }
        catch (Exception e) when (Cause(e) is { } cause)
        {
            stats.Fail(cause);
        }
        finally
        {
            slots.Release();
        }
    }

    private static string? Cause(Exception e) => e switch
    {
        LiveGraphRecApiException api => ((int)api.Status).ToString(),
        TimeoutRejectedException => "timeout",
        OperationCanceledException => "cancelled",
        HttpRequestException => "connection error",
        _ => null,
    };
}
