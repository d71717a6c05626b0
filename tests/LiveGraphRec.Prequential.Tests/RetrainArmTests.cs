using LiveGraphRec.Core.Embeddings;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Synthetic;
using LiveGraphRec.Grains.Abstractions;
using LiveGraphRec.Grains.Training;
using LiveGraphRec.Prequential.Serving;
using LiveGraphRec.Prequential.Training;
using LiveGraphRec.Training.Hosting;
using LiveGraphRec.Training.Sampling;
using LiveGraphRec.Training.Trainer;
using Microsoft.Extensions.Options;

namespace LiveGraphRec.Prequential.Tests;

/// <summary>The retrain arms through the trainer grain of their embedded cluster, on a tiny drifting stream.</summary>
public sealed class RetrainArmTests
{
    private const int Every = 150, K = 10;
    private static readonly EventStream Stream = EventStream.Split(SyntheticGenerator.Generate(new SyntheticOptions
    {
        Users = 80, Items = 60, Interactions = 2_000, Communities = 4, DriftFraction = 0.6, Seed = 7,
    }), trainFraction: 0.7);
    private static readonly StreamBenchOptions Options = new()
    {
        Training = new TrainingOptions { Dimension = 16, Layers = 2, Epochs = 3, BatchSize = 256, LearningRate = 0.01,
            Sampler = NegativeSamplers.Uniform, Ks = [K], Seed = 5, Threads = 1 },
        Scoring = new PrequentialSettings(K: K),
        RetrainEpochs = 2,
        RetrainEvery = Every,
        FlushInterval = TimeSpan.FromMilliseconds(200),
        IndexRefreshInterval = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>
    /// Retrain-only: every <see cref="Every"/> events a trainer grain run publishes the next version to every node,
    /// its recommendations change with it, and in between no event moves any user's or item's embedding.
    /// </summary>
    [Fact]
    public async Task RetrainOnlyPublishesThroughTheTrainerEveryNEventsAndNothingMovesBetweenPublishes()
    {
        await using GrainRecommender arm = await PreparedAsync(StreamArm.RetrainOnly);
        EmbeddedCluster cluster = arm.Cluster;
        Dictionary<string, float[]> published = await EmbeddingsAsync(cluster, GrainRecommender.StartVersion);
        Dictionary<string, string[]> before = await RecommendationsAsync(cluster);
        int changedPublishes = 0;

        for (int n = 0; n < Stream.Events.Length; n++)
        {
            Interaction e = Stream.Events[n];
            await arm.LearnAsync(e, CancellationToken.None);
            long version = GrainRecommender.StartVersion + (n + 1) / Every;
            if ((n + 1) % Every == 0)
            {
                TrainingStatus status = await cluster.Trainer.GetStatusAsync();
                Assert.Equal((TrainingOutcome.Published, version), (status.LastRun!.Outcome, status.PublishedVersion));
                // The version the trainer published is what every node serves now, and it moved them.
                Dictionary<string, float[]> next = await EmbeddingsAsync(cluster, version);
                Assert.Contains(next, node => !node.Value.SequenceEqual(published[node.Key]));
                // The model's rows alone, even for users with events after its cut (held out for the gate): no online layers.
                EmbeddingModel model = EmbeddingFile.Read(Store(cluster).FinalPath(version));
                Assert.All(model.Users.Ids, (user, row) => Assert.Equal(model.UserVector(row).ToArray(), next["u:" + user]));
                published = next;
                Dictionary<string, string[]> after = await RecommendationsAsync(cluster);
                changedPublishes += after.Count(user => !user.Value.SequenceEqual(before[user.Key])) > 0 ? 1 : 0;
                before = after;
            }
            else
            {
                // Nothing moves between publishes: not the event's own user and item, nor (checked at the end) anyone else.
                foreach (string node in new[] { User(e), Item(e) })
                {
                    NodeProfile profile = await Profile(cluster, node);
                    Assert.Equal(version, profile.EmbeddingVersion);
                    Assert.Equal(published[node], profile.Embedding);
                }
            }
        }

        Assert.Equal(Stream.Events.Length / Every, arm.Retrains);
        Assert.Equal(arm.Retrains, changedPublishes);
        await cluster.SettleAsync(CancellationToken.None);
        Dictionary<string, float[]> end = await EmbeddingsAsync(cluster, GrainRecommender.StartVersion + arm.Retrains);
        Assert.All(published, node => Assert.Equal(node.Value, end[node.Key]));
    }

    /// <summary>
    /// Online + retrain: the same versions through the trainer grain, each a model file of the trainer's, and a user
    /// with no event after the run's cut serves that model's row: the retrained model, not the starting one.
    /// </summary>
    [Fact]
    public async Task OnlineRetrainServesEachModelTheTrainerGrainPublishes()
    {
        await using GrainRecommender arm = await PreparedAsync(StreamArm.OnlineRetrain);
        EmbeddedCluster cluster = arm.Cluster;
        ModelStore store = Store(cluster);
        EmbeddingModel starting = EmbeddingFile.Read(cluster.SeedPath);

        for (int n = 0; n < Stream.Events.Length; n++)
        {
            await arm.LearnAsync(Stream.Events[n], CancellationToken.None);
            if ((n + 1) % Every != 0)
            {
                continue;
            }
            long version = GrainRecommender.StartVersion + (n + 1) / Every;
            TrainingStatus status = await cluster.Trainer.GetStatusAsync();
            Assert.Equal((TrainingOutcome.Published, version), (status.LastRun!.Outcome, status.PublishedVersion));
            EmbeddingModel model = EmbeddingFile.Read(store.FinalPath(version));
            Assert.Equal(version, model.Version);
            // Users whose every edge is in the model's training part serve its row exactly (no online layers).
            var quiet = new List<string>();
            foreach (string user in model.Users.Ids)
            {
                NodeProfile profile = await Profile(cluster, "u:" + user);
                Assert.Equal(version, profile.EmbeddingVersion);
                if (profile.TrainedDegree == profile.Neighbours.Count)
                {
                    model.Users.TryGetIndex(user, out int row);
                    Assert.Equal(model.UserVector(row).ToArray(), profile.Embedding);
                    quiet.Add(user);
                }
            }
            Assert.NotEmpty(quiet);
            Assert.Contains(quiet, user => starting.Users.TryGetIndex(user, out int was) && model.Users.TryGetIndex(user, out int now)
                && !starting.UserVector(was).SequenceEqual(model.UserVector(now)));
        }
        Assert.Equal(Stream.Events.Length / Every, arm.Retrains);
    }

    /// <summary>The arm as the benchmark builds it, with the starting model trained on the prefix and published.</summary>
    private static async Task<GrainRecommender> PreparedAsync(StreamArm kind)
    {
        TrainedModel start = StreamTraining.Train(BipartiteGraph.Build(Stream.UserCount, Stream.ItemCount, Stream.Prefix), Options.Training,
            CancellationToken.None);
        var arm = (GrainRecommender)StreamBenchmark.Create(kind, start, Options);
        await arm.PrepareAsync(Stream, CancellationToken.None);
        return arm;
    }

    private static ModelStore Store(EmbeddedCluster cluster) =>
        new(Microsoft.Extensions.Options.Options.Create(new TrainerOptions { ModelFolder = cluster.ModelFolder }));

    private static string User(Interaction e) => "u:" + Stream.Dataset.Users[e.User];
    private static string Item(Interaction e) => "i:" + Stream.Dataset.Items[e.Item];

    /// <param name="node">A user's id prefixed "u:" or an item's prefixed "i:".</param>
    private static Task<NodeProfile> Profile(EmbeddedCluster cluster, string node) => node.StartsWith("u:", StringComparison.Ordinal)
        ? cluster.Grains.GetGrain<IUserGrain>(node[2..]).GetProfileAsync()
        : cluster.Grains.GetGrain<IItemGrain>(node[2..]).GetProfileAsync();

    /// <summary>Every user's and item's served embedding, checking each serves <paramref name="version"/>.</summary>
    private static async Task<Dictionary<string, float[]>> EmbeddingsAsync(EmbeddedCluster cluster, long version)
    {
        var nodes = Stream.Dataset.Users.Ids.Select(id => "u:" + id).Concat(Stream.Dataset.Items.Ids.Select(id => "i:" + id));
        var embeddings = new Dictionary<string, float[]>();
        foreach (string node in nodes)
        {
            NodeProfile profile = await Profile(cluster, node);
            Assert.Equal(version, profile.EmbeddingVersion);
            embeddings[node] = profile.Embedding;
        }
        return embeddings;
    }

    private static async Task<Dictionary<string, string[]>> RecommendationsAsync(EmbeddedCluster cluster)
    {
        var lists = new Dictionary<string, string[]>();
        foreach (string user in Stream.Dataset.Users.Ids)
        {
            RecommendationResult result = await cluster.Grains.GetGrain<IUserGrain>(user).GetRecommendationsAsync(new RecommendationRequest(K, ExcludeSeen: true));
            lists[user] = result.Items.Select(item => item.ItemId).ToArray();
        }
        return lists;
    }
}
