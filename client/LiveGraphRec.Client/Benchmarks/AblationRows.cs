using LiveGraphRec.Training.Models;
using LiveGraphRec.Training.Sampling;
using LiveGraphRec.Training.Trainer;

namespace LiveGraphRec.Client.Benchmarks;

/// <summary>A published Recall@20 / NDCG@20 on the LightGCN Gowalla split, and where it comes from.</summary>
public sealed record PaperFigure(double Recall, double Ndcg, string Source);

/// <summary>One configuration of the ablation table: how it changes the base training options.</summary>
public sealed record AblationRow(string Name, string Description, Func<TrainingOptions, TrainingOptions> Configure, PaperFigure? Gowalla = null)
{
    /// <summary>Rows whose codes are evaluated too (Hamming and hierarchical lines in the table).</summary>
    public bool Hashing { get; init; }
}

/// <summary>The rows of the methods issue's ablation table, in its order.</summary>
public static class AblationRows
{
    public static readonly AblationRow[] All =
    [
        new("lightgcn-rns", "LightGCN + RNS", o => o with { Model = ModelNames.LightGcn, Sampler = NegativeSamplers.Uniform },
            new PaperFigure(0.1830, 0.1554, "LightGCN paper, Table 3")),
        new("lightgcn-dns", "LightGCN + DNS (M = 64)", o => o with { Model = ModelNames.LightGcn, Sampler = NegativeSamplers.Dynamic, Candidates = 64 }),
        // The MixGCF paper reports Alibaba, Yelp2018 and Amazon only: no Gowalla figure to set beside its rows.
        new("lightgcn-mixgcf", "LightGCN + MixGCF (L = 3, M = 64)", o => o with { Model = ModelNames.LightGcn, Sampler = NegativeSamplers.MixGcf, Candidates = 64 }),
        new("mixgcf-no-positive", "LightGCN + MixGCF w/o positive mixing", o => o with { Model = ModelNames.LightGcn, Sampler = NegativeSamplers.MixGcfHopOnly, Candidates = 64 }),
        new("mixgcf-l1", "LightGCN + MixGCF, L = 1", o => o with { Model = ModelNames.LightGcn, Sampler = NegativeSamplers.MixGcf, Layers = 1, Candidates = 64 }),
        new("mixgcf-l2", "LightGCN + MixGCF, L = 2", o => o with { Model = ModelNames.LightGcn, Sampler = NegativeSamplers.MixGcf, Layers = 2, Candidates = 64 }),
        new("mixgcf-m8", "LightGCN + MixGCF, M = 8", o => o with { Model = ModelNames.LightGcn, Sampler = NegativeSamplers.MixGcf, Candidates = 8 }),
        new("mixgcf-m16", "LightGCN + MixGCF, M = 16", o => o with { Model = ModelNames.LightGcn, Sampler = NegativeSamplers.MixGcf, Candidates = 16 }),
        new("mixgcf-m32", "LightGCN + MixGCF, M = 32", o => o with { Model = ModelNames.LightGcn, Sampler = NegativeSamplers.MixGcf, Candidates = 32 }),
        new("slightgcn", "S-LightGCN (SGCN masks) + RNS", o => o with { Model = ModelNames.StochasticLightGcn, Sampler = NegativeSamplers.Uniform }),
        new("ngcf-rns", "NGCF + RNS", o => o with { Model = ModelNames.Ngcf, Sampler = NegativeSamplers.Uniform },
            new PaperFigure(0.1570, 0.1327, "LightGCN paper, Table 3 (NGCF baseline)")),
        new("ngcf-mixgcf", "NGCF + MixGCF (M = 64)", o => o with { Model = ModelNames.Ngcf, Sampler = NegativeSamplers.MixGcf, Candidates = 64 }),
        new("lightgcn-pinsage", "LightGCN + PinSage hard negatives", o => o with { Model = ModelNames.LightGcn, Sampler = NegativeSamplers.PinSage, Candidates = 64 }),
        new("hashgnn", "LightGCN + RNS + HashGNN codes", o => o with { Model = ModelNames.LightGcn, Sampler = NegativeSamplers.Uniform, HashBits = Math.Max(64, o.HashBits) })
        {
            Hashing = true,
        },
        // The code loss at weight 1 held the real-valued model back on Gowalla after one epoch; a lighter weight.
        new("hashgnn-w0.1", "LightGCN + RNS + HashGNN codes, hash loss weight 0.1",
            o => o with { Model = ModelNames.LightGcn, Sampler = NegativeSamplers.Uniform, HashBits = Math.Max(64, o.HashBits), HashWeight = 0.1 })
        {
            Hashing = true,
        },
    ];

    /// <summary>The rows named in a comma-separated list (all when empty); unknown names throw, naming the valid ones.</summary>
    public static AblationRow[] Select(string names)
    {
        if (string.IsNullOrWhiteSpace(names))
        {
            return All;
        }
        var byName = All.ToDictionary(r => r.Name);
        return [.. names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(name =>
            byName.TryGetValue(name, out AblationRow? row) ? row
                : throw new ArgumentException($"--rows: unknown row '{name}'; expected some of {string.Join(", ", All.Select(r => r.Name))}."))];
    }
}
