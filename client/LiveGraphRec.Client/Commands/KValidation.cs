using Spectre.Console;

namespace LiveGraphRec.Client.Commands;

internal static class KValidation
{
    public static ValidationResult Check(int[] ks) => ks.Length == 0 || ks.Any(k => k < 1)
        ? ValidationResult.Error($"--k: every cutoff must be at least 1 (got {string.Join(", ", ks)}).")
        : ValidationResult.Success();
}
