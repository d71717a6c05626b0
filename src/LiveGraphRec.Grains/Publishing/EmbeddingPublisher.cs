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
    public async Task<PublishReport> PublishAsync(EmbeddingModel model, ModelCut cut, CancellationToken cancellationToken)
    {
        model.EnsureConsistent();
        if (model.Dimension != options.Value.Dimension)
        {
            throw new InvalidDataException(
                $"Model '{model.ModelName}' has dimension {model.Dimension}; the cluster is configured for {options.Value.Dimension} ({GraphOptions.Section}:Dimension).");
        }
        // Items first: recommendations for freshly published users then already meet published items, and users
        // re-linking edges after the cut meet items that have already cleared their aggregates.
        int itemsApplied = await PushAsync(Rows(model.Items, model.ItemVectors, model.Dimension), id => grains.GetGrain<IItemGrain>(id), model, cut, cancellationToken);
        int itemsRebased = await PushAsync(Missing(cut.Items, model.Items), id => grains.GetGrain<IItemGrain>(id), model, cut, cancellationToken);
        int usersApplied = await PushAsync(Rows(model.Users, model.UserVectors, model.Dimension), id => grains.GetGrain<IUserGrain>(id), model, cut, cancellationToken);
        int usersRebased = await PushAsync(Missing(cut.Users, model.Users), id => grains.GetGrain<IUserGrain>(id), model, cut, cancellationToken);
        int applied = itemsApplied + usersApplied, total = model.Users.Count + model.Items.Count;
        var report = new PublishReport(model.ModelName, model.Version, model.Users.Count, model.Items.Count, applied, total - applied,
            itemsRebased + usersRebased);
        LogPublished(logger, report.ModelName, report.Version, report.Users, report.Items, report.Applied, report.Ignored, report.Rebased);
        return report;
    }

    private static IEnumerable<(string Id, float[]? Vector)> Rows(IdMap ids, float[] vectors, int dim) =>
        Enumerable.Range(0, ids.Count).Select(row => (ids[row], (float[]?)vectors.AsSpan(row * dim, dim).ToArray()));

    private static IEnumerable<(string Id, float[]? Vector)> Missing(IEnumerable<string> ids, IdMap known) =>
        ids.Where(id => !known.TryGetIndex(id, out _)).Select(id => (id, (float[]?)null));

    private static async Task<int> PushAsync(IEnumerable<(string Id, float[]? Vector)> updates, Func<string, IGraphNodeGrain> grainOf,
        EmbeddingModel model, ModelCut cut, CancellationToken cancellationToken)
    {
        int applied = 0;
        foreach (var batch in updates.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool[] results = await Task.WhenAll(batch.Select(update =>
                grainOf(update.Id).PublishEmbeddingAsync(new EmbeddingUpdate(model.Version, update.Vector, cut.Sequence))));
            applied += results.Count(taken => taken);
        }
        return applied;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Published model {Model} version {Version}: {Users} users, {Items} items; {Applied} applied, {Ignored} already newer; {Rebased} rebased")]
    private static partial void LogPublished(ILogger logger, string model, long version, int users, int items, int applied, int ignored, int rebased);
}
