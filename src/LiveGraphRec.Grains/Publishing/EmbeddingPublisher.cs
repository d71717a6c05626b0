using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Embeddings;

namespace LiveGraphRec.Grains.Publishing;

/// <summary>
/// Loads a trained model into a running cluster without stopping traffic: pushes each user's and item's
/// embedding, versioned, to its grain in batches of concurrent calls. Grains keep only newer versions,
/// so a repeated or out-of-order publish is harmless.
/// </summary>
public sealed partial class EmbeddingPublisher(IGrainFactory grains, IOptions<GraphOptions> options, ILogger<EmbeddingPublisher> logger)
{
    /// <summary>Calls in flight at once.</summary>
    public const int BatchSize = 256;

    /// <exception cref="InvalidDataException">The file is unreadable or its dimension differs from the configured one.</exception>
    public Task<PublishReport> PublishFileAsync(string path, CancellationToken cancellationToken) =>
        PublishAsync(EmbeddingFile.Read(path), cancellationToken);

    public async Task<PublishReport> PublishAsync(EmbeddingModel model, CancellationToken cancellationToken)
    {
        model.EnsureConsistent();
        if (model.Dimension != options.Value.Dimension)
        {
            throw new InvalidDataException(
                $"Model '{model.ModelName}' has dimension {model.Dimension}; the cluster is configured for {options.Value.Dimension} ({GraphOptions.Section}:Dimension).");
        }
        // Items first: recommendations for freshly published users then already meet published items.
        int itemsApplied = await PushAsync(model.Items, id => grains.GetGrain<IItemGrain>(id), model.ItemVectors, model, cancellationToken);
        int usersApplied = await PushAsync(model.Users, id => grains.GetGrain<IUserGrain>(id), model.UserVectors, model, cancellationToken);
        int applied = itemsApplied + usersApplied, total = model.Users.Count + model.Items.Count;
        var report = new PublishReport(model.ModelName, model.Version, model.Users.Count, model.Items.Count, applied, total - applied);
        LogPublished(logger, report.ModelName, report.Version, report.Users, report.Items, report.Applied, report.Ignored);
        return report;
    }

    private static async Task<int> PushAsync(IdMap ids, Func<string, IGraphNodeGrain> grainOf, float[] vectors,
        EmbeddingModel model, CancellationToken cancellationToken)
    {
        int applied = 0, dim = model.Dimension;
        for (int start = 0; start < ids.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int end = Math.Min(ids.Count, start + BatchSize);
            bool[] results = await Task.WhenAll(Enumerable.Range(start, end - start).Select(row =>
                grainOf(ids[row]).PublishEmbeddingAsync(new EmbeddingUpdate(model.Version, vectors.AsSpan(row * dim, dim).ToArray()))));
            applied += results.Count(taken => taken);
        }
        return applied;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Published model {Model} version {Version}: {Users} users, {Items} items; {Applied} applied, {Ignored} already newer")]
    private static partial void LogPublished(ILogger logger, string model, long version, int users, int items, int applied, int ignored);
}
