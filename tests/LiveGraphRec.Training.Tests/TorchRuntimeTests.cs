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
}
