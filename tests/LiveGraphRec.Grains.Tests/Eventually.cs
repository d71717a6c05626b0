namespace LiveGraphRec.Grains.Tests;

internal static class Eventually
{
    /// <summary>Polls <paramref name="probe"/> until it returns a value that satisfies <paramref name="done"/>; fails after the timeout.</summary>
    public static async Task<T> Returns<T>(Func<Task<T>> probe, Func<T, bool> done, string what, double timeoutSeconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            T value = await probe();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeoutSeconds} s waiting until {what}; last saw: {Describe(value)}");
            }
            await Task.Delay(50);
        }
    }

    private static string? Describe(object? value) => value is System.Collections.IEnumerable items and not string
        ? "[" + string.Join(", ", items.Cast<object>()) + "]"
        : value?.ToString();
}
