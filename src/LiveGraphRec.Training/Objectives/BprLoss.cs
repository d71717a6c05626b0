namespace LiveGraphRec.Training.Objectives;

/// <summary>
/// Bayesian personalized ranking with the official LightGCN regularization: softplus(s_neg − s_pos)
/// averaged over the batch, plus decay · ½(‖u⁰‖² + ‖p⁰‖² + ‖n⁰‖²) / batch on the batch's ego embeddings.
/// With several negatives per user (rows of the negative matrices grouped by user: [batch·m, d]) and negatives
/// shared by the whole batch ([S, d], PinSage), the average runs over every (user, negative) pair.
/// </summary>
public static class BprLoss
{
    public static (Tensor Loss, Tensor Ranking, Tensor Regularization) Compute(
        Tensor userFinal, Tensor positiveFinal, Tensor negativeFinal,
        Tensor userEgo, Tensor positiveEgo, Tensor negativeEgo, double decay,
        Tensor? sharedFinal = null, Tensor? sharedEgo = null)
    {
        long batch = userFinal.shape[0];
        var ranking = Ranking(userFinal, positiveFinal, negativeFinal, sharedFinal);
        var regularization = userEgo.square().sum().add(positiveEgo.square().sum()).add(negativeEgo.square().sum());
        if (sharedEgo is not null)
        {
            regularization = regularization.add(sharedEgo.square().sum());
        }
        regularization = regularization.mul(0.5 / batch);
        return (ranking.add(regularization.mul(decay)), ranking, regularization);
    }

    /// <summary>mean softplus(⟨u, n⟩ − ⟨u, p⟩) over every user and each of its negatives (own and shared).</summary>
    public static Tensor Ranking(Tensor user, Tensor positive, Tensor negatives, Tensor? shared = null)
    {
        long batch = user.shape[0], dim = user.shape[1];
        var positiveScores = user.mul(positive).sum(1, keepdim: true);
        var negativeScores = user.unsqueeze(1).mul(negatives.view(batch, -1, dim)).sum(-1);
        if (shared is not null)
        {
            negativeScores = cat([negativeScores, user.mm(shared.t())], 1);
        }
        return nn.functional.softplus(negativeScores.sub(positiveScores)).mean();
    }
}
