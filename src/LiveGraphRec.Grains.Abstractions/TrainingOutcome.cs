using System.Text.Json.Serialization;

namespace LiveGraphRec.Grains.Abstractions;

/// <summary>How a training run ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrainingOutcome>))]
public enum TrainingOutcome
{
    /// <summary>Validated and pushed to the grains under a new version.</summary>
    Published,
    /// <summary>Trained but worse than the serving model beyond the tolerance (or not finite): serving kept.</summary>
    Rejected,
    /// <summary>An error stopped it before the model was published; serving kept.</summary>
    Failed,
    /// <summary>Its silo stopped or the trainer grain moved mid-run; serving kept, the next run starts clean.</summary>
    Abandoned,
}
