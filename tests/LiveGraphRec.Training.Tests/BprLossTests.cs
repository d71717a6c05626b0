using LiveGraphRec.Training.Objectives;
using static TorchSharp.torch;

namespace LiveGraphRec.Training.Tests;

public sealed class BprLossTests
{
    [Fact]
    public void GradientMatchesCentralFiniteDifferences()
    {
        manual_seed(3);
        var inputs = Enumerable.Range(0, 6).Select(_ => randn(4, 3, dtype: float64).requires_grad_()).ToArray();
        const double decay = 0.1;
        Func<double> loss = () => BprLoss.Compute(inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], inputs[5], decay).Loss.item<double>();

        BprLoss.Compute(inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], inputs[5], decay).Loss.backward();

        const double h = 1e-6;
        foreach (var input in inputs)
        {
            double[] analytic = input.grad!.data<double>().ToArray();
            for (int k = 0; k < analytic.Length; k++)
            {
                double numeric;
                using (no_grad())
                {
                    var flat = input.view(-1);
                    double original = flat[k].item<double>();
                    flat[k] = original + h;
                    double plus = loss();
                    flat[k] = original - h;
                    double minus = loss();
                    flat[k] = original;
                    numeric = (plus - minus) / (2 * h);
                }
                Assert.Equal(numeric, analytic[k], tolerance: 1e-6);
            }
        }
    }

    [Fact]
    public void MatchesTheLightGcnFormulaOnAHandCase()
    {
        // One triple: ⟨u,p⟩ = 1, ⟨u,n⟩ = 0 → softplus(-1) = ln(1 + e^-1);
        // L2 = ½(‖u⁰‖² + ‖p⁰‖² + ‖n⁰‖²) / 1 = ½(1 + 1 + 4) = 3.
        using var u = tensor(new double[] { 1, 0 }).view(1, 2);
        using var p = tensor(new double[] { 1, 0 }).view(1, 2);
        using var n = tensor(new double[] { 0, 2 }).view(1, 2);

        var (loss, ranking, regularization) = BprLoss.Compute(u, p, n, u, p, n, decay: 0.5);

        Assert.Equal(Math.Log(1 + Math.Exp(-1)), ranking.item<double>(), 12);
        Assert.Equal(3, regularization.item<double>(), 12);
        Assert.Equal(Math.Log(1 + Math.Exp(-1)) + 1.5, loss.item<double>(), 12);
    }
}
