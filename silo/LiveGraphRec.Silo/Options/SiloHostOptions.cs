namespace LiveGraphRec.Silo.Options;

/// <summary>Section <c>LGR:Silo</c>: cluster identity, ports, and an optional model to seed on start.</summary>
public sealed class SiloHostOptions
{
    public const string Section = "LGR:Silo";

    [Required] public string ClusterId { get; set; } = "lgr";

    /// <summary>Keys persisted state in storage: keep it across deployments.</summary>
    [Required] public string ServiceId { get; set; } = "livegraphrec";

    /// <summary>The address other silos and clients reach this one at (Redis clustering).</summary>
    [Required] public string AdvertisedAddress { get; set; } = "127.0.0.1";

    [Range(1, 65_535)] public int SiloPort { get; set; } = 11_111;

    [Range(1, 65_535)] public int GatewayPort { get; set; } = 30_000;

    /// <summary>An embedding file published to the grains once the silo has started (optional).</summary>
    public string? SeedEmbeddingsPath { get; set; }

    /// <summary>
    /// Running as a Kubernetes pod (<c>Microsoft.Orleans.Hosting.Kubernetes</c>): the pod IP (env <c>POD_IP</c>) is
    /// advertised instead of <see cref="AdvertisedAddress"/>, the pod name names the silo, and silos remove the pods of
    /// dead silos. Needs Redis clustering and RBAC to list, watch and delete pods (deploy/k8s).
    /// </summary>
    public bool Kubernetes { get; set; }
}
