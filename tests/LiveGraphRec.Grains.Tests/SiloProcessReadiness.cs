namespace LiveGraphRec.Grains.Tests;

internal static class SiloProcessReadiness
{
    /// <summary>
    /// Waits up to <paramref name="timeoutSeconds"/> for <c>/readyz</c> to report healthy (a silo process starts in a
    /// few seconds on a quiet machine, far slower on a busy one), then lets the process's own check confirm it.
    /// </summary>
    public static async Task WaitUntilReadyAsync(this SiloProcess silo, HttpClient client, double timeoutSeconds)
    {
        await Eventually.Returns(() => IsReadyAsync(client), ready => ready, $"the silo process answers ready:\n{silo.RecentOutput}", timeoutSeconds);
        await silo.WaitUntilReadyAsync(client);
    }

    private static async Task<bool> IsReadyAsync(HttpClient client)
    {
        try
        {
            return (await client.GetStringAsync("/readyz")).StartsWith("Healthy", StringComparison.Ordinal);
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet, or 503 while not ready
        }
    }
}
