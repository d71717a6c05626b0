namespace LiveGraphRec.Silo.Options;

/// <summary>Section <c>LGR:Api</c>: the API key and read limits.</summary>
public sealed class ApiOptions
{
    public const string Section = "LGR:Api";
    public const string KeyHeader = "X-Api-Key";

    /// <summary>Required by ingestion and admin endpoints (and reads when <see cref="RequireKeyForReads"/>).</summary>
    [Required, MinLength(16, ErrorMessage = "LGR:Api:ApiKey must be at least 16 characters.")]
    public string ApiKey { get; set; } = "";

    public bool RequireKeyForReads { get; set; }

    /// <summary>Largest k a recommendation request may ask for.</summary>
    [Range(1, 10_000)] public int MaxRecommendations { get; set; } = 1_000;
}
