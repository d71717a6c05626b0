using System.Diagnostics;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Grains;
using LiveGraphRec.Prequential.Training;

namespace LiveGraphRec.Prequential.Serving;

/// <summary>
/// Arms 1–4: the real grains in an <see cref="EmbeddedCluster"/>. The training prefix is applied as events
/// (adjacency, seen items) and then the starting model is published as version 1, which starts every
/// node's online graph afresh on top of it, as in production. Recommendations come from
/// <see cref="IUserGrain.GetRecommendationsAsync"/> (seen items excluded by the grain) and streamed events go
/// to <see cref="IUserGrain.ApplyInteractionAsync"/>, the call the ingestion stream makes. With
/// <paramref name="retrainer"/>, every <paramref name="retrainEvery"/> events are followed by a retrain on
/// everything seen and a publish; the stream waits for it (the retrain is modelled as instantaneous in stream
/// time, which favours the retrain arms; its wall time is reported apart).
/// </summary>
/// <param name="configure">Graph options of the cluster, e.g. <see cref="GraphOptions.OnlinePropagation"/> off.</param>
/// <param name="retrainer">Builds the arm's retrainer once the cluster is up, or null for no retrains.</param>
public sealed class GrainRecommender(
    TrainedModel start,
    Action<GraphOptions> configure,
    Func<EmbeddedCluster, EventStream, IRetrainer>? retrainer,
    int retrainEvery) : IStreamRecommender
{
    /// <summary>Users whose prefix events are applied at once (each user's in order).</summary>
    private const int LoadParallelism = 32;
    public const long StartVersion = 1;

    private readonly List<Interaction> _seen = [];
    private EmbeddedCluster? _cluster;
    private IRetrainer? _retrainer;
    private Dataset? _ids;
    private int _streamed;

    public TimeSpan RetrainTime { get; private set; }
    public int Retrains { get; private set; }

    private EmbeddedCluster Cluster => _cluster ?? throw new InvalidOperationException("PrepareAsync has not run.");
    private Dataset Ids => _ids ?? throw new InvalidOperationException("PrepareAsync has not run.");

    public async Task PrepareAsync(EventStream stream, CancellationToken cancellationToken)
    {
        _ids = stream.Dataset;
        _cluster = await EmbeddedCluster.StartAsync(configure, cancellationToken);
        _retrainer = retrainer?.Invoke(_cluster, stream);
        _seen.AddRange(stream.Prefix);
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
        await Cluster.Publisher.PublishAsync(start.ToPublished(stream.Dataset, prefix, "start", StartVersion), cancellationToken);
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
        _seen.Add(interaction);
        _streamed++;
        if (_retrainer is not null && _streamed % retrainEvery == 0)
        {
            var clock = Stopwatch.StartNew();
            await _retrainer.RetrainAsync(_seen.ToArray(), cancellationToken);
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

    private Task<bool> ApplyAsync(Interaction interaction, string eventId) =>
        Cluster.Grains.GetGrain<IUserGrain>(Ids.Users[interaction.User]).ApplyInteractionAsync(new InteractionEvent(
            eventId, Ids.Users[interaction.User], Ids.Items[interaction.Item], InteractionKind.View, interaction.Weight,
            DateTimeOffset.FromUnixTimeSeconds(interaction.Timestamp)));
}
