using LiveGraphRec.Training.Runtime;
namespace LiveGraphRec.Training.Objectives;

/// <summary>
/// Bayesian personalized ranking with the official LightGCN regularization: softplus(s_neg − s_pos)
/// averaged over the batch, plus decay · ½(‖u⁰‖² + ‖p⁰‖² + ‖n⁰‖²) / batch on the batch's ego embeddings.
/// With several negatives per user (rows of the negative matrices grouped by user: [batch·m, d]) and negatives
/// shared by the whole batch ([S, d], PinSage), the average runs over every (user, negative) pair — or, with
/// <c>kPair</c>, MixGCF's K-pair loss per user: log(1 + Σ_k exp(s_neg,k − s_pos)), averaged over users (the official
/// <c>create_bpr_loss</c>; equal to BPR for one negative).
/// Scalars are created explicitly and disposed after use: TorchSharp leaves implicitly converted ones to the
/// finalizer, which can free one while libtorch still reads it (seen here as "INTERNAL ASSERT FAILED at
/// Scalar.h" in <c>square()</c> = <c>pow(2)</c>; dotnet/TorchSharp#1434).
/// </summary>
public static class BprLoss
{
    public static (Tensor Loss, Tensor Ranking, Tensor Regularization) Compute(
        Tensor userFinal, Tensor positiveFinal, Tensor negativeFinal,
        Tensor userEgo, Tensor positiveEgo, Tensor negativeEgo, double decay,
        Tensor? sharedFinal = null, Tensor? sharedEgo = null, bool kPair = false)
    {
        long batch = userFinal.shape[0];
        var ranking = Ranking(userFinal, positiveFinal, negativeFinal, sharedFinal, kPair);
        var regularization = SumOfSquares(userEgo).Plus(SumOfSquares(positiveEgo)).Plus(SumOfSquares(negativeEgo));
        if (sharedEgo is not null)
        {
            regularization = regularization.Plus(SumOfSquares(sharedEgo));
        }
        using Scalar perTriple = (0.5 / batch).ToScalar(), weight = decay.ToScalar();
        regularization = regularization.mul(perTriple);
        return (ranking.Plus(regularization.mul(weight)), ranking, regularization);
    }

    /// <summary>
    /// mean softplus(⟨u, n⟩ − ⟨u, p⟩) over every user and each of its negatives (own and shared); with
    /// <paramref name="kPair"/>, the mean over users of log(1 + Σ_n exp(⟨u, n⟩ − ⟨u, p⟩)).
    /// </summary>
    public static Tensor Ranking(Tensor user, Tensor positive, Tensor negatives, Tensor? shared = null, bool kPair = false)
    {
        long batch = user.shape[0], dim = user.shape[1];
        var positiveScores = user.mul(positive).sum(1, keepdim: true);
        var negativeScores = user.unsqueeze(1).mul(negatives.view(batch, -1, dim)).sum(-1);
        if (shared is not null)
        {
            negativeScores = cat([negativeScores, user.mm(shared.t())], 1);
        }
        var differences = negativeScores.sub(positiveScores);
        if (kPair)
        {
            // log(1 + Σ eˣ) = logsumexp over [0, x₁ … x_K]: stable for large score gaps.
            return cat([zeros(batch, 1, dtype: differences.dtype, device: differences.device), differences], 1).logsumexp(1).mean();
        }
        // softplus(x) = log(eˣ + e⁰), without the Scalars nn.functional.softplus creates for β and the threshold.
        return differences.logaddexp(zeros_like(differences)).mean();
    }

    private static Tensor SumOfSquares(Tensor x) => x.mul(x).sum();
}
