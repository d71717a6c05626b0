namespace LiveGraphRec.Training.Sampling;

/// <summary>How an epoch's (user, positive) pairs are drawn; see <see cref="BprBatchSampler"/>.</summary>
public static class TripleSampling
{
    /// <summary>LightGCN-PyTorch: a uniformly random user, then a uniformly random item of theirs (with replacement).</summary>
    public const string Users = "users";
    /// <summary>Official MixGCF: every training edge once per epoch, shuffled.</summary>
    public const string Edges = "edges";

    public static readonly IReadOnlyList<string> All = [Users, Edges];
}
