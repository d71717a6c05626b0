using LiveGraphRec.Training.Runtime;
using TorchSharp;

namespace LiveGraphRec.Training.Tests;

/// <summary>The native libtorch must load on this machine (Debian 12 needs the build-time fix).</summary>
public sealed class TorchRuntimeTests
{
    [Fact]
    public void LibTorchLoadsAndMultipliesOnCpu()
    {
        using var a = torch.tensor(new float[] { 1, 2, 3, 4 }, 2, 2);
        using var b = torch.tensor(new float[] { 5, 6, 7, 8 }, 2, 2);
        using var c = torch.mm(a, b);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, c.data<float>().ToArray());
    }

    [Fact]
    public void SumsKeepTheirScalarThroughCollections()
    {
        using var a = torch.tensor(new float[] { 1, 2 });
        using var b = torch.tensor(new float[] { 10, 20 });
        for (int n = 0; n < 3; n++)
        {
            // A finalized Scalar would fail the native call (or read garbage) after these.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var sum = a.Plus(b);
            Assert.Equal(new float[] { 11, 22 }, sum.data<float>().ToArray());
        }
    }
}
