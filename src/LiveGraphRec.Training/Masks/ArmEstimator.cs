namespace LiveGraphRec.Training.Masks;

/// <summary>
/// The augment-REINFORCE-merge estimator (Yin and Zhou, ICLR 2019) of ∇_φ E_{z ~ Bernoulli(σ(φ))}[f(z)] for a
/// vector of logits φ: draw u ~ U(0, 1) per component, evaluate f on the antithetic pair z¹ = 1[u &gt; σ(−φ)],
/// z² = 1[u &lt; σ(φ)], and take g = (f(z¹) − f(z²))(u − ½). Unbiased, and needs two evaluations of f and no
/// gradient of f — which is why the masked propagation can run on a fixed sparse kernel.
/// </summary>
public static class ArmEstimator
{
    /// <summary>Draws u and the antithetic masks z¹, z² (as 0/1 floats) for every logit.</summary>
    public static void SampleAntithetic(ReadOnlySpan<float> logits, Random random, Span<float> u, Span<float> first, Span<float> second)
    {
        if (u.Length < logits.Length || first.Length < logits.Length || second.Length < logits.Length)
        {
            throw new ArgumentException("The u and mask spans must be as long as the logits.");
        }
        for (int k = 0; k < logits.Length; k++)
        {
            float draw = random.NextSingle();
            float keep = Sigmoid(logits[k]);
            u[k] = draw;
            first[k] = draw > 1 - keep ? 1 : 0; // σ(−φ) = 1 − σ(φ)
            second[k] = draw < keep ? 1 : 0;
        }
    }

    /// <summary>gradient[k] = (f¹ − f²)(u[k] − ½).</summary>
    public static void Gradient(double firstValue, double secondValue, ReadOnlySpan<float> u, Span<float> gradient)
    {
        float difference = (float)(firstValue - secondValue);
        for (int k = 0; k < u.Length; k++)
        {
            gradient[k] = difference * (u[k] - 0.5f);
        }
    }

    public static float Sigmoid(float logit) => 1 / (1 + MathF.Exp(-logit));
}
