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

    /// <summary>
    /// DisARM with each edge credited only with the loss of the batch terms at its two ends (a user's BPR term, counted
    /// for the user and for its positive item) instead of the whole batch's: with one loss difference for millions of
    /// edges, DisARM's signal per edge shrinks with the edge count, while terms far from an edge barely depend on its
    /// mask. Biased: it leaves out the ends' terms as negatives (MixGCF's are synthesized, not items), the effect on
    /// the ends' neighbours (through the re-normalized degrees, and through later layers for all but the last), and a
    /// nuclear-norm term but its whole-graph difference.
    /// </summary>
    LocalDisArm,
}
