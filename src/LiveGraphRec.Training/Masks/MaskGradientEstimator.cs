namespace LiveGraphRec.Training.Masks;

/// <summary>How the mask logits' gradient is estimated from one antithetic pair of masks.</summary>
public enum MaskGradientEstimator
{
    /// <summary>ARM (Yin and Zhou, 2019), as in the SGCN paper: (f¹ − f²)(u − ½) for every logit.</summary>
    Arm,

    /// <summary>
    /// DisARM (Dong, Mnih and Tucker, NeurIPS 2020): ARM with the pair's noise integrated out, ½(f¹ − f²)(z¹ − z²)σ(|φ|).
    /// Same pair, same two evaluations, unbiased, and never of higher variance than ARM: a logit whose two masks agree
    /// gets no update at all, where ARM hands it the loss difference the other logits caused.
    /// </summary>
    DisArm,
}
