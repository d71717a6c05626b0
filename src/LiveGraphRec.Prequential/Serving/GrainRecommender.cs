using System.Diagnostics;
using LiveGraphRec.Core.Embeddings;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Grains;
using LiveGraphRec.Grains.Training;
using LiveGraphRec.Prequential.Training;
using LiveGraphRec.Training.Hosting;

namespace LiveGraphRec.Prequential.Serving;

/// <summary>
/// Arms 1–4: the real grains in an <see cref="EmbeddedCluster"/>. The training prefix is applied as events
/// (adjacency, seen items, the interaction log) and then the starting model is published as version 1, which
/// starts every node's online graph afresh on top of it, as in production. Recommendations come from
/// <see cref="IUserGrain.GetRecommendationsAsync"/> (seen items excluded by the grain) and streamed events go
/// to <see cref="IUserGrain.ApplyInteractionAsync"/>, the single-event form of the call the ingestion stream's
/// partition grain makes. With
/// <paramref name="retrainEvery"/>, every that many events the stream asks the <see cref="ITrainerGrain"/> for a
/// run and waits until it has published and the item index is quiet (the retrain is modelled as instantaneous in
/// stream time, which favours the retrain arms; its wall time is reported apart).
/// </summary>
/// <param name="configure">Graph options of the cluster, e.g. <see cref="GraphOptions.OnlinePropagation"/> off.</param>
/// <param name="configureTrainer">The trainer grain's settings (its model folder and seed are the cluster's).</param>
/// <param name="retrainEvery">Streamed events between trainer runs, or null for none.</param>
public sealed class GrainRecommender(
    TrainedModel start,
    Action<GraphOptions> configure,
    Action<TrainerOptions> configureTrainer,
    int? retrainEvery) : IStreamRecommender
{
    /// <summary>Users whose prefix events are applied at once (each user's in order).</summary>
    private const int LoadParallelism = 32;
    public const long StartVersion = 1;
    private const string StartModelName = "start";
    private static readonly TimeSpan RunPollPeriod = TimeSpan.FromMilliseconds(100);

    private EmbeddedCluster? _cluster;
    private Dataset? _ids;
    private int _streamed;

    public TimeSpan RetrainTime { get; private set; }
    public int Retrains { get; private set; }

    internal EmbeddedCluster Cluster => _cluster ?? throw new InvalidOperationException("PrepareAsync has not run.");
    private Dataset Ids => _ids ?? throw new InvalidOperationException("PrepareAsync has not run.");

    public async Task PrepareAsync(EventStream stream, CancellationToken cancellationToken)
    {
        _ids = stream.Dataset;
        _cluster = await EmbeddedCluster.StartAsync(configure, configureTrainer, cancellationToken);
        await Parallel.ForEachAsync(stream.Prefix.Select((interaction, index) => (interaction, index)).GroupBy(pair => pair.interaction.User),
            new ParallelOptions { MaxDegreeOfParallelism = LoadParallelism, CancellationToken = cancellationToken },
            async (events, _) =>
            {
                foreach (var (interaction, index) in events)
                {
                    await ApplyAsync(interaction, $"p{index}");
                }
            });
        await Cluster.SettleAsync(cancellationToken);
        BipartiteGraph prefix = BipartiteGraph.Build(stream.UserCount, stream.ItemCount, stream.Prefix);
        EmbeddingModel published = start.ToPublished(stream.Dataset, prefix, StartModelName, StartVersion);
        // The trainer's first run warm-starts from the starting model's E⁰ and is judged against its final embeddings.
        EmbeddingFile.Write(ModelStore.SeedEgoPath(Cluster.SeedPath), start.EgoOfPublished(stream.Dataset, prefix, StartModelName, StartVersion));
        EmbeddingFile.Write(Cluster.SeedPath, published);
        await Cluster.Publisher.PublishAsync(published, cancellationToken);
        await Cluster.SettleAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<int>> RecommendAsync(int user, int count, StreamHistory history, CancellationToken cancellationToken)
    {
        RecommendationResult result = await Cluster.Grains.GetGrain<IUserGrain>(Ids.Users[user])
            .GetRecommendationsAsync(new RecommendationRequest(count, ExcludeSeen: true));
        return result.Items.Select(item => Ids.Items.TryGetIndex(item.ItemId, out int index) ? index : -1).ToList();
    }

    public async Task LearnAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        await ApplyAsync(interaction, $"s{_streamed}");
        _streamed++;
        if (retrainEvery is { } every && _streamed % every == 0)
        {
            var clock = Stopwatch.StartNew();
            await RetrainAsync(cancellationToken);
            // The published embeddings reach the item index within a flush and a refresh.
            await Cluster.SettleAsync(cancellationToken);
            RetrainTime += clock.Elapsed;
            Retrains++;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>One trainer grain run on the interaction log so far, as <c>lgr retrain</c> asks for it and follows it.</summary>
    /// <exception cref="InvalidOperationException">The run was refused or did not publish: the arm would not be retraining on schedule.</exception>
    private async Task RetrainAsync(CancellationToken cancellationToken)
    {
        ITrainerGrain trainer = Cluster.Trainer;
        TrainingRequestResult request = await trainer.RequestRunAsync($"bench: {_streamed} streamed events");
        if (!request.Accepted)
        {
            throw new InvalidOperationException($"The trainer grain refused the run after {_streamed} streamed events: {request.Message}");
        }
        TrainingRunSummary? run = null;
        while (run is null)
        {
            await Task.Delay(RunPollPeriod, cancellationToken);
            run = (await trainer.GetStatusAsync()).LastRun is { } last && last.RunId == request.RunId ? last : null;
        }
        if (run.Outcome != TrainingOutcome.Published)
        {
            throw new InvalidOperationException($"The trainer grain's run after {_streamed} streamed events ended {run.Outcome}: {run.Message}");
        }
    }

    private Task<bool> ApplyAsync(Interaction interaction, string eventId) =>
        Cluster.Grains.GetGrain<IUserGrain>(Ids.Users[interaction.User]).ApplyInteractionAsync(new InteractionEvent(
            eventId, Ids.Users[interaction.User], Ids.Items[interaction.Item], InteractionKind.View, interaction.Weight,
            DateTimeOffset.FromUnixTimeSeconds(interaction.Timestamp)));
}
