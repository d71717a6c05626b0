namespace LiveGraphRec.Training.Runtime;

/// <summary>
/// Tensor sums without TorchSharp's implicit α: <c>a.add(b)</c> makes a Scalar 1 (its <c>sub(b)</c> passes none)
/// that nothing references once its handle went to native code, so a collection on another thread may free it while
/// libtorch still reads it (dotnet/TorchSharp#1434, #1496) — seen here as "INTERNAL ASSERT … toFloat at Scalar.h" in
/// training steps. This passes one Scalar held for the life of the process instead (native Scalars are read-only, so
/// sharing it across threads is safe).
/// </summary>
internal static class TensorArithmetic
{
    private static readonly Scalar One = 1.ToScalar();

    public static Tensor Plus(this Tensor left, Tensor right) => left.add(right, One);
}
