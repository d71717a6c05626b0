namespace LiveGraphRec.Training.Masks;

/// <summary>
/// The augment-REINFORCE-merge estimator (Yin and Zhou, ICLR 2019) of ∇_φ E_{z ~ Bernoulli(σ(φ))}[f(z)] for a
/// tensor of logits φ: draw u ~ U(0, 1) per component, evaluate f on the antithetic pair z¹ = 1[u &gt; σ(−φ)],
/// z² = 1[u &lt; σ(φ)], and take g = (f(z¹) − f(z²))(u − ½). Unbiased, and needs two evaluations of f and no
/// gradient of f — which is why the masked propagation can run on a fixed sparse kernel. Everything stays on the
/// logits' device: millions of logits per step must not cross to the host.
/// </summary>
public static class ArmEstimator
{
    /// <summary>
    /// u ~ U(0, 1) of the given shape on <paramref name="device"/>, drawn on the CPU from <paramref name="seed"/> so a
    /// run draws the same masks on every device.
    /// </summary>
    public static Tensor Uniform(long[] shape, int seed, Device device)
    {
        using var generator = new Generator(unchecked((ulong)seed));
        using var draws = rand(shape, generator: generator);
        return draws.to(device);
    }

    /// <summary>The antithetic masks z¹ = 1[u &gt; σ(−φ)] = 1[u &gt; 1 − σ(φ)] and z² = 1[u &lt; σ(φ)], as 0/1 floats.</summary>
    public static (Tensor First, Tensor Second) SampleAntithetic(Tensor logits, Tensor u)
    {
        using var detached = logits.detach();
        using var keep = detached.sigmoid();
        using var negated = detached.neg();
        using var drop = negated.sigmoid();
        using var first = u.gt(drop);
        using var second = u.lt(keep);
        return (first.to_type(ScalarType.Float32), second.to_type(ScalarType.Float32));
    }

    /// <summary>
    /// g = (f¹ − f²)(u − ½). The values broadcast against u: scalars for one pair, or shape [samples, 1] against
    /// u of [samples, n] for many pairs at once.
    /// </summary>
    public static Tensor Gradient(Tensor firstValue, Tensor secondValue, Tensor u)
    {
        using var difference = Difference(firstValue, secondValue);
        // An explicit Scalar: TorchSharp leaves implicit ones to the finalizer (see TensorArithmetic).
        using Scalar half = 0.5.ToScalar();
        using var centred = u.sub(half);
        return centred.mul(difference);
    }

    /// <summary>
    /// DisARM's estimate from the same pair: g = ½(f¹ − f²)(z¹ − z²)σ(|φ|) — zero where the two masks agree, the sign
    /// of the mask that kept the edge where they differ. Values broadcast as in <see cref="Gradient"/>.
    /// </summary>
    public static Tensor DisarmGradient(Tensor firstValue, Tensor secondValue, Tensor first, Tensor second, Tensor logits)
    {
        using var difference = Difference(firstValue, secondValue);
        using Scalar half = 0.5.ToScalar();
        using var halfDifference = difference.mul(half);
        using var disagreement = first.sub(second);
        using var detached = logits.detach();
        using var magnitude = detached.abs();
        using var weight = magnitude.sigmoid();
        using var signedWeight = disagreement.mul(weight);
        return signedWeight.mul(halfDifference);
    }

    /// <summary>f¹ − f², outside the autograd graph.</summary>
    private static Tensor Difference(Tensor firstValue, Tensor secondValue)
    {
        using var first = firstValue.detach();
        using var second = secondValue.detach();
        return first.sub(second);
    }
}
