namespace LiveGraphRec.Training.Objectives;

/// <summary>
/// Bayesian personalized ranking with the official LightGCN regularization: softplus(s_neg − s_pos)
/// averaged over the batch, plus decay · ½(‖u⁰‖² + ‖p⁰‖² + ‖n⁰‖²) / batch on the batch's ego embeddings.
/// </summary>
public static class BprLoss
{
    public static (Tensor Loss, Tensor Ranking, Tensor Regularization) Compute(
        Tensor userFinal, Tensor positiveFinal, Tensor negativeFinal,
        Tensor userEgo, Tensor positiveEgo, Tensor negativeEgo, double decay)
    {
        long batch = userFinal.shape[0];
        var positiveScores = userFinal.mul(positiveFinal).sum(1);
        var negativeScores = userFinal.mul(negativeFinal).sum(1);
        var ranking = nn.functional.softplus(negativeScores.sub(positiveScores)).mean();
        var regularization = userEgo.square().sum().add(positiveEgo.square().sum()).add(negativeEgo.square().sum()).mul(0.5 / batch);
        return (ranking.add(regularization.mul(decay)), ranking, regularization);
    }
}
