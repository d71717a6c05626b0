using LiveGraphRec.Training.Objectives;
using static TorchSharp.torch;

namespace LiveGraphRec.Training.Tests;

public sealed class BprLossTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(3, true)]
    public void GradientMatchesCentralFiniteDifferences(int negativesPerUser, bool kPair)
    {
        manual_seed(3);
        // Users, positives and their ego rows: [4, 3]; negatives and theirs: [4·K, 3], grouped by user.
        var inputs = Enumerable.Range(0, 6).Select(i => randn(i % 3 == 2 ? 4 * negativesPerUser : 4, 3, dtype: float64).requires_grad_()).ToArray();
        const double decay = 0.1;
        Func<double> loss = () => BprLoss.Compute(inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], inputs[5], decay, kPair: kPair).Loss.item<double>();

        BprLoss.Compute(inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], inputs[5], decay, kPair: kPair).Loss.backward();

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

    [Fact]
    public void TheKPairLossIsTheMeanOverUsersOfLogOnePlusTheSumOfExponentiatedGaps()
    {
        // User 0: ⟨u,p⟩ = 1, negatives score 2 and 0 → ln(1 + e¹ + e⁻¹).
        // User 1: ⟨u,p⟩ = 1, negatives score 1 and −1 → ln(1 + e⁰ + e⁻²).
        using var u = tensor(new double[] { 1, 0, 0, 1 }).view(2, 2);
        using var p = tensor(new double[] { 1, 0, 0, 1 }).view(2, 2);
        using var n = tensor(new double[] { 2, 0, 0, 5, /* user 1 */ 0, 1, 0, -1 }).view(4, 2);

        double kPair = BprLoss.Ranking(u, p, n, kPair: true).item<double>();
        double pairs = BprLoss.Ranking(u, p, n).item<double>();

        double expected = (Math.Log(1 + Math.E + 1 / Math.E) + Math.Log(2 + Math.Exp(-2))) / 2;
        Assert.Equal(expected, kPair, 12);
        double softplus(double x) => Math.Log(1 + Math.Exp(x));
        Assert.Equal((softplus(1) + softplus(-1) + softplus(0) + softplus(-2)) / 4, pairs, 12);
    }

    [Fact]
    public void WithOneNegativeTheKPairLossIsBpr()
    {
        manual_seed(5);
        using var u = randn(16, 4, dtype: float64);
        using var p = randn(16, 4, dtype: float64);
        using var n = randn(16, 4, dtype: float64);

        Assert.Equal(BprLoss.Ranking(u, p, n).item<double>(), BprLoss.Ranking(u, p, n, kPair: true).item<double>(), 12);
    }

    [Fact]
    public void TheKPairLossStaysFiniteForLargeScoreGaps()
    {
        using var u = tensor(new double[] { 1 }).view(1, 1);
        using var p = tensor(new double[] { -500 }).view(1, 1);
        using var n = tensor(new double[] { 500, 400 }).view(2, 1);

        // ln(1 + e¹⁰⁰⁰ + e⁹⁰⁰) = 1000 + ln(1 + e⁻¹⁰⁰ + e⁻¹⁰⁰⁰) ≈ 1000; a naive log(1 + Σ exp) overflows to ∞.
        Assert.Equal(1000, BprLoss.Ranking(u, p, n, kPair: true).item<double>(), 9);
    }
}
