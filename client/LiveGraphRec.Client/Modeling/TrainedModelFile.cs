using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Embeddings;
using LiveGraphRec.Core.Metrics;
using LiveGraphRec.Core.Models;
using LiveGraphRec.Training.Trainer;

namespace LiveGraphRec.Client.Modeling;

/// <summary>Writes a trained model's final embeddings as an embedding file, with its settings and metrics.</summary>
public static class TrainedModelFile
{
    /// <param name="context">Where the model came from (data, split, …), stored beside the settings.</param>
    public static void Write(string path, TrainingOptions options, IdMap users, IdMap items, EmbeddingFactors factors,
        MetricsReport metrics, int epoch, IReadOnlyDictionary<string, string> context)
    {
        var hyperparameters = new Dictionary<string, string>(context)
        {
            ["settings"] = options.FingerprintThrough(epoch),
            ["layers"] = options.Layers.ToString(),
            ["epoch"] = epoch.ToString(),
        };
        EmbeddingFile.Write(path, new EmbeddingModel($"{options.Model}+{options.Sampler}", Version: epoch, factors.Dimension,
            users, items, factors.UserVectors, factors.ItemVectors, hyperparameters, Evaluation.ToDictionary(metrics), DateTimeOffset.UtcNow));
    }
}
