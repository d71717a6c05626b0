namespace LiveGraphRec.Training.Runtime;

/// <summary>Chooses where tensors live: CUDA when present (or asked for), else the CPU — never hard-coded.</summary>
public static class TorchDevices
{
    public const string Auto = "auto";

    /// <param name="requested">"auto", "cpu" or "cuda" (optionally "cuda:N").</param>
    public static Device Select(string requested = Auto)
    {
        if (string.Equals(requested, Auto, StringComparison.OrdinalIgnoreCase))
        {
            return cuda.is_available() ? CUDA : CPU;
        }
        if (requested.StartsWith("cuda", StringComparison.OrdinalIgnoreCase) && !cuda.is_available())
        {
            throw new ArgumentException($"Device '{requested}' was requested but CUDA is not available on this machine " +
                "(the CPU build of libtorch is installed; see README for the CUDA deploy option).");
        }
        return new Device(requested);
    }

    /// <summary>
    /// Caps libtorch's intra-op threads. OpenMP workers spin while waiting; a budget below the core count
    /// leaves the rest to serving (set OMP_WAIT_POLICY=PASSIVE in the process environment to stop spinning).
    /// </summary>
    public static void LimitThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        set_num_threads(threads);
    }
}
