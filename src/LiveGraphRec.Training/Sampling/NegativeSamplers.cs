using LiveGraphRec.Core.Graph;

namespace LiveGraphRec.Training.Sampling;

/// <summary>The negative samplers by configuration name.</summary>
public static class NegativeSamplers
{
    public const string Uniform = "rns";
    public const string Dynamic = "dns";
    public const string MixGcf = "mixgcf";
    /// <summary>MixGCF without positive mixing (hop mixing only), the paper's ablation.</summary>
    public const string MixGcfHopOnly = "mixgcf-hop";
    public const string PinSage = "pinsage";
    public static readonly string[] All = [Uniform, Dynamic, MixGcf, MixGcfHopOnly, PinSage];

    /// <param name="candidates">DNS/MixGCF: uniform candidates per user; PinSage: easy negatives shared per batch.</param>
    /// <param name="negatives">Negatives per positive (MixGCF's K), each from its own candidates; PinSage takes 1.</param>
    public static INegativeSampler Create(string name, int candidates, BipartiteGraph train, int seed, HardNegativeOptions? hard = null,
        int negatives = 1)
    {
        if (negatives > 1 && name == PinSage)
        {
            throw new ArgumentException("PinSage draws its own number of hard negatives per example; it takes no --negatives.");
        }
        INegativeSampler sampler = Single(name, candidates, train, seed, hard);
        return negatives > 1 ? new MultiNegativeSampler(sampler, negatives) : sampler;
    }

    private static INegativeSampler Single(string name, int candidates, BipartiteGraph train, int seed, HardNegativeOptions? hard) => name switch
    {
        Uniform => new UniformNegativeSampler(),
        Dynamic => new DynamicNegativeSampler(candidates),
        MixGcf => new MixGcfNegativeSampler(candidates),
        MixGcfHopOnly => new MixGcfNegativeSampler(candidates, positiveMixing: false),
        PinSage => new PinSageNegativeSampler(train, candidates, hard ?? new HardNegativeOptions(), seed),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"Unknown negative sampler; expected one of {string.Join(", ", All)}."),
    };
}
