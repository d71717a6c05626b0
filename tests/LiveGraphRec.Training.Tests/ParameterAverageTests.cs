using LiveGraphRec.Training.Trainer;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LiveGraphRec.Training.Tests;

public sealed class ParameterAverageTests
{
    [Fact]
    public void TheAverageFollowsTheExponentialRuleAndSwapsInOnlyWhileAsked()
    {
        using var parameter = new Parameter(tensor(new float[] { 1, 2 }));
        using var average = new ParameterAverage([parameter], decay: 0.5);

        Set(parameter, 3, 4);
        average.Update(); // ½·(1, 2) + ½·(3, 4)
        Set(parameter, 5, 6);
        average.Update(); // ½·(2, 3) + ½·(5, 6)

        Assert.Equal([3.5f, 4.5f], average.Averages[0].data<float>().ToArray());
        using (average.SwappedIn())
        {
            Assert.Equal([3.5f, 4.5f], parameter.data<float>().ToArray());
        }
        Assert.Equal([5f, 6f], parameter.data<float>().ToArray());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void ADecayOutsideTheOpenUnitIntervalIsRefused(double decay)
    {
        using var parameter = new Parameter(zeros(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParameterAverage([parameter], decay));
    }

    private static void Set(Parameter parameter, float first, float second)
    {
        using var noGrad = no_grad();
        using var values = tensor(new[] { first, second });
        parameter.copy_(values);
    }
}
