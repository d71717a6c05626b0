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

    public Task<PublishReport> PublishAsync(EmbeddingModel model, CancellationToken cancellationToken)
    {
        model.EnsureConsistent();
        if (model.Dimension != options.Value.Dimension)
        {
            throw new InvalidDataException(
                $"Model '{model.ModelName}' has dimension {model.Dimension}; the cluster is configured for {options.Value.Dimension} ({GraphOptions.Section}:Dimension).");
        }
        int dim = model.Dimension;
        return PublishAsync(model.ModelName, model.Version,
            model.Items.Ids, row => model.ItemVectors.AsSpan(row * dim, dim).ToArray(),
            model.Users.Ids, row => model.UserVectors.AsSpan(row * dim, dim).ToArray(), cancellationToken);
    }

    /// <summary>
    /// Publishes one batch of a model sent by a client (<c>lgr publish</c>): the caller has checked ids and
    /// dimensions. Batches of one version may come in any order and be repeated.
    /// </summary>
    public Task<PublishReport> PublishAsync(string modelName, long version, IReadOnlyList<NodeVector> items,
        IReadOnlyList<NodeVector> users, CancellationToken cancellationToken) =>
        PublishAsync(modelName, version, items.Select(node => node.Id).ToList(), row => items[row].Vector,
            users.Select(node => node.Id).ToList(), row => users[row].Vector, cancellationToken);

    private async Task<PublishReport> PublishAsync(string modelName, long version, IReadOnlyList<string> itemIds,
        Func<int, float[]> itemVector, IReadOnlyList<string> userIds, Func<int, float[]> userVector, CancellationToken cancellationToken)
    {
        // Items first: recommendations for freshly published users then already meet published items.
        int itemsApplied = await PushAsync(itemIds, id => grains.GetGrain<IItemGrain>(id), itemVector, version, cancellationToken);
        int usersApplied = await PushAsync(userIds, id => grains.GetGrain<IUserGrain>(id), userVector, version, cancellationToken);
        int applied = itemsApplied + usersApplied, total = userIds.Count + itemIds.Count;
        var report = new PublishReport(modelName, version, userIds.Count, itemIds.Count, applied, total - applied);
        LogPublished(logger, report.ModelName, report.Version, report.Users, report.Items, report.Applied, report.Ignored);
        return report;
    }

    private static async Task<int> PushAsync(IReadOnlyList<string> ids, Func<string, IGraphNodeGrain> grainOf, Func<int, float[]> vectorOf,
        long version, CancellationToken cancellationToken)
    {
        int applied = 0;
        for (int start = 0; start < ids.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int end = Math.Min(ids.Count, start + BatchSize);
            bool[] results = await Task.WhenAll(Enumerable.Range(start, end - start).Select(row =>
                grainOf(ids[row]).PublishEmbeddingAsync(new EmbeddingUpdate(version, vectorOf(row)))));
            applied += results.Count(taken => taken);
        }
        return applied;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Published model {Model} version {Version}: {Users} users, {Items} items; {Applied} applied, {Ignored} already newer")]
    private static partial void LogPublished(ILogger logger, string model, long version, int users, int items, int applied, int ignored);
}
