namespace LiveGraphRec.Training.Sampling;

/// <summary>
/// Node ids of items (item i is node users + i) as a tensor. The offset is added in managed code rather than by
/// <c>add_(int)</c>: TorchSharp leaves the implicitly created Scalar to the finalizer, which can free it while
/// libtorch still reads it (dotnet/TorchSharp#1434; seen here as INTERNAL ASSERT failures in Scalar.h).
/// </summary>
internal static class NodeIndex
{
    public static Tensor OfItems(long[] items, int userCount, Device device)
    {
        var nodes = new long[items.Length];
        for (int k = 0; k < nodes.Length; k++)
        {
            nodes[k] = items[k] + userCount;
        }
        return tensor(nodes, device: device);
    }
}
