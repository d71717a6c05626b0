namespace LiveGraphRec.Training.Sampling;

/// <summary>The negative samplers by configuration name.</summary>
public static class NegativeSamplers
{
    public const string Uniform = "rns";
    public const string Dynamic = "dns";
    public const string MixGcf = "mixgcf";
    public static readonly string[] All = [Uniform, Dynamic, MixGcf];

    public static INegativeSampler Create(string name, int candidates) => name switch
    {
        Uniform => new UniformNegativeSampler(),
        Dynamic => new DynamicNegativeSampler(candidates),
        MixGcf => new MixGcfNegativeSampler(candidates),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"Unknown negative sampler; expected one of {string.Join(", ", All)}."),
    };
}
