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

    public Task<PublishReport> PublishAsync(EmbeddingModel model, CancellationToken cancellationToken) =>
        PublishAsync(model, ModelCut.EveryEdge, cancellationToken);

    /// <summary>
    /// Pushes the model's nodes, then rebases the nodes of <paramref name="cut"/> the model lacks; users re-link
    /// their edges after the cut as they take the new version (see <see cref="EmbeddingUpdate"/>).
    /// </summary>
    public Task<PublishReport> PublishAsync(EmbeddingModel model, ModelCut cut, CancellationToken cancellationToken)
    {
        model.EnsureConsistent();
        if (model.Dimension != options.Value.Dimension)
        {
            throw new InvalidDataException(
                $"Model '{model.ModelName}' has dimension {model.Dimension}; the cluster is configured for {options.Value.Dimension} ({GraphOptions.Section}:Dimension).");
        }
        return PublishAsync(model.ModelName, model.Version,
            Rows(model.Items, model.ItemVectors, model.Dimension).Concat(Missing(cut.Items, model.Items)), model.Items.Count,
            Rows(model.Users, model.UserVectors, model.Dimension).Concat(Missing(cut.Users, model.Users)), model.Users.Count,
            cut, cancellationToken);
    }

    /// <summary>
    /// Publishes one batch of a model sent by a client (<c>lgr publish</c>): the caller has checked ids and
    /// dimensions. Batches of one version may come in any order and be repeated.
    /// </summary>
    public Task<PublishReport> PublishAsync(string modelName, long version, IReadOnlyList<NodeVector> items,
        IReadOnlyList<NodeVector> users, CancellationToken cancellationToken) =>
        PublishAsync(modelName, version, items.Select(node => (node.Id, (float[]?)node.Vector)), items.Count,
            users.Select(node => (node.Id, (float[]?)node.Vector)), users.Count, ModelCut.EveryEdge, cancellationToken);

    /// <param name="items">The model's items, then (vector null) the nodes it lacks that are rebased.</param>
    private async Task<PublishReport> PublishAsync(string modelName, long version,
        IEnumerable<(string Id, float[]? Vector)> items, int itemCount, IEnumerable<(string Id, float[]? Vector)> users, int userCount,
        ModelCut cut, CancellationToken cancellationToken)
    {
        // Items first: recommendations for freshly published users then already meet published items, and users
        // re-linking edges after the cut meet items that have already cleared their aggregates.
        var (itemsApplied, itemsRebased) = await PushAsync(items, id => grains.GetGrain<IItemGrain>(id), version, cut, cancellationToken);
        var (usersApplied, usersRebased) = await PushAsync(users, id => grains.GetGrain<IUserGrain>(id), version, cut, cancellationToken);
        int applied = itemsApplied + usersApplied, total = userCount + itemCount;
        var report = new PublishReport(modelName, version, userCount, itemCount, applied, total - applied, itemsRebased + usersRebased);
        LogPublished(logger, report.ModelName, report.Version, report.Users, report.Items, report.Applied, report.Ignored, report.Rebased);
        return report;
    }

    private static IEnumerable<(string Id, float[]? Vector)> Rows(IdMap ids, float[] vectors, int dim) =>
        Enumerable.Range(0, ids.Count).Select(row => (ids[row], (float[]?)vectors.AsSpan(row * dim, dim).ToArray()));

    private static IEnumerable<(string Id, float[]? Vector)> Missing(IEnumerable<string> ids, IdMap known) =>
        ids.Where(id => !known.TryGetIndex(id, out _)).Select(id => (id, (float[]?)null));

    /// <returns>Updates taken with a vector, and rebases (no vector) taken.</returns>
    private static async Task<(int Applied, int Rebased)> PushAsync(IEnumerable<(string Id, float[]? Vector)> updates,
        Func<string, IGraphNodeGrain> grainOf, long version, ModelCut cut, CancellationToken cancellationToken)
    {
        int applied = 0, rebased = 0;
        foreach (var batch in updates.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool[] results = await Task.WhenAll(batch.Select(update =>
                grainOf(update.Id).PublishEmbeddingAsync(new EmbeddingUpdate(version, update.Vector, cut.Sequence))));
            for (int i = 0; i < batch.Length; i++)
            {
                applied += results[i] && batch[i].Vector is not null ? 1 : 0;
                rebased += results[i] && batch[i].Vector is null ? 1 : 0;
            }
        }
        return (applied, rebased);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Published model {Model} version {Version}: {Users} users, {Items} items; {Applied} applied, {Ignored} already newer; {Rebased} rebased")]
    private static partial void LogPublished(ILogger logger, string model, long version, int users, int items, int applied, int ignored, int rebased);
}
