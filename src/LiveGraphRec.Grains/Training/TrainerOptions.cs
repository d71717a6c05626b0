namespace LiveGraphRec.Grains.Training;

/// <summary>
/// When the trainer retrains, where it keeps models and how it trains and validates (configuration section
/// <c>LGR:Trainer</c>). The model shape (dimension, layers) is the serving one, <see cref="GraphOptions"/>.
/// </summary>
public sealed class TrainerOptions
{
    public const string Section = "LGR:Trainer";

    /// <summary>Off: no schedule, no interaction log, the admin endpoints answer 404.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Retrain this long after the last run started (zero: never by time).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Retrain once this many events arrived after the serving model's cut (0: never by count).</summary>
    public int EventThreshold { get; set; } = 100_000;

    /// <summary>How often the reminder checks the two conditions above (Orleans reminders: one minute at least).</summary>
    public TimeSpan CheckPeriod { get; set; } = TimeSpan.FromMinutes(1);


    /// <summary>Where published models and their warm-start state are written; shared by the silos.</summary>
    public string ModelFolder { get; set; } = "models";

    /// <summary>The model serving before this trainer's first publish (the seed file), for warm start and the gate.</summary>
    public string? InitialModelPath { get; set; }

    /// <summary>Fewest log entries worth a run; a smaller snapshot fails fast with that reason.</summary>
    public int MinEvents { get; set; } = 1_000;

    public string Model { get; set; } = "lightgcn";
    public string Sampler { get; set; } = "dns";
    public int Candidates { get; set; } = 16;
    /// <summary>Negatives per positive (MixGCF's K); above 1 a run trains with the K-pair loss.</summary>
    public int Negatives { get; set; } = 1;
    /// <summary>Epoch budget of a run; warm-started runs need few.</summary>
    public int Epochs { get; set; } = 20;
    public int BatchSize { get; set; } = 2048;
    public double LearningRate { get; set; } = 0.001;
    public double Decay { get; set; } = 1e-4;
    /// <summary>Validation passes without improvement before stopping early.</summary>
    public int Patience { get; set; } = 3;
    public int Seed { get; set; } = 2020;
    /// <summary>libtorch and ranking threads of a run: below the core count so serving keeps a core.</summary>
    public int Threads { get; set; } = 1;
    /// <summary>auto, cpu or cuda.</summary>
    public string Device { get; set; } = "auto";

    /// <summary>The newest share of the snapshot held out for validation (new user–item pairs only).</summary>
    public double ValidationFraction { get; set; } = 0.1;
    /// <summary>Recall@K of the gate.</summary>
    public int ValidationK { get; set; } = 20;
    /// <summary>Publish only when the new model's recall is at least the serving one's minus this (absolute).</summary>
    public double Tolerance { get; set; } = 0.01;
}
