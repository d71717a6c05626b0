using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Embeddings;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Models;
using LiveGraphRec.Core.Synthetic;
using LiveGraphRec.Grains.Publishing;
using LiveGraphRec.Grains.Training;
using LiveGraphRec.Silo.Training;
using LiveGraphRec.Training.Sampling;
using LiveGraphRec.Training.Trainer;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using static LiveGraphRec.Grains.Tests.Interactions;

namespace LiveGraphRec.Grains.Tests;

/// <summary>The trainer grain end to end on a two-silo cluster on Redis, with a synthetic stream and tiny training runs.</summary>
public sealed class TrainerClusterTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private const int Dimension = 16, Layers = 2;
    private static readonly Dataset Synthetic = SyntheticGenerator.Generate(
        new SyntheticOptions { Users = 150, Items = 300, Interactions = 3_000, Communities = 5, Seed = 11 });

    private readonly string _models = Directory.CreateTempSubdirectory("lgr-models-").FullName;

    public void Dispose() => Directory.Delete(_models, recursive: true);

    [SkippableFact]
    public async Task ARunPublishesANewVersionThatServesAndKeepsTheEventsThatArrivedAfterItsCut()
    {
        RedisServer.SkipIfMissing();
        string serviceId = RedisServer.NewServiceId();
        TestCluster cluster = await StartAsync(serviceId, ("Tolerance", "0.05"));
        try
        {
            IGrainFactory grains = cluster.Client;
            await IngestAsync(grains, SyntheticEvents());
            ITrainerGrain trainer = grains.GetGrain<ITrainerGrain>(ITrainerGrain.Singleton);
            TrainingRequestResult request = await trainer.RequestRunAsync("test");
            Assert.True(request.Accepted, request.Message);
            Assert.False((await trainer.RequestRunAsync("test")).Accepted);

            // Ingested while the run goes on: fewer than the held-out quarter of the log, so after the cut wherever
            // the snapshot falls. A user the model cannot know, and a known user's new item.
            string known = Synthetic.Users[Synthetic.Train[0].User];
            var late = Synthetic.Items.Ids.Take(6).Select(item => ("late-user", item))
                .Append((known, Synthetic.Items.Ids.First(item => !SyntheticEvents().Contains((known, item)))))
                .ToList();
            await IngestAsync(grains, late);

            TrainingStatus status = await FinishedAsync(trainer, request.RunId);
            TrainingRunSummary run = status.LastRun!;
            Assert.True(run.Outcome == TrainingOutcome.Published, run.Message);
            Assert.True(run.Version > 0 && run.Epochs > 0 && run.Validation!.Users > 0);
            Assert.Equal((run.Version, run.Cut), (status.PublishedVersion, status.PublishedCut));
            Assert.Equal(("idle", 3_000L + late.Count), (status.State, status.LoggedEvents));

            // The consistent cut is recorded with the verified model file.
            EmbeddingModel model = EmbeddingFile.Read(Path.Combine(_models, $"model-{run.Version:D12}.lgr"));
            Assert.Equal(run.Cut.ToString(), model.Hyperparameters["log.cut"]);

            // Every node took the version, and its online graph holds exactly its edges first logged after the cut;
            // the others are its trained degree, on users and items alike.
            List<LoggedInteraction> log = await ReadLogAsync(serviceId);
            foreach (var (id, isUser) in log.Select(e => (e.UserId, true)).Concat(log.Select(e => (e.ItemId, false))).Distinct())
            {
                IGraphNodeGrain node = isUser ? grains.GetGrain<IUserGrain>(id) : grains.GetGrain<IItemGrain>(id);
                NodeProfile profile = await node.GetProfileAsync();
                Assert.Equal(run.Version, profile.EmbeddingVersion);
                Assert.True(EdgesAfterCut(log, id, isUser, run.Cut) == profile.Degree, $"{id}: degree {profile.Degree}");
                Assert.Equal(profile.Neighbours.Count - profile.Degree, profile.TrainedDegree);
            }
            NodeProfile newcomer = await grains.GetGrain<IUserGrain>("late-user").GetProfileAsync();
            Assert.Equal((6, 6L), (newcomer.Degree, newcomer.AppliedEvents));
            Assert.Contains(newcomer.Embedding, value => value != 0);

            // A known user with nothing after the cut serves the published vector itself (no online layers), and its
            // recommendations say which version they come from; its trained degree is its edges up to the cut.
            string quiet = model.Users.Ids.First(user => EdgesAfterCut(log, user, isUser: true, run.Cut) == 0);
            model.Users.TryGetIndex(quiet, out int row);
            NodeProfile quietProfile = await grains.GetGrain<IUserGrain>(quiet).GetProfileAsync();
            Assert.Equal(model.UserVector(row).ToArray(), quietProfile.Embedding, (a, b) => Math.Abs(a - b) < 1e-6);
            Assert.Equal(quietProfile.Neighbours.Count, quietProfile.TrainedDegree);
            RecommendationResult recommendations = await grains.GetGrain<IUserGrain>(quiet).GetRecommendationsAsync(new RecommendationRequest(5));
            Assert.Equal(run.Version, recommendations.ModelVersion);
            Assert.Equal(5, recommendations.Items.Count);

            // A second run warm-starts from the first one's E⁰, is judged against it and publishes the next version.
            TrainingRequestResult again = await trainer.RequestRunAsync("test");
            TrainingRunSummary second = (await FinishedAsync(trainer, again.RunId)).LastRun!;
            Assert.True(second.Outcome == TrainingOutcome.Published, second.Message);
            Assert.Equal(run.Version + 1, second.Version);
            Assert.Equal($"lightgcn+rns v{run.Version}", second.Validation!.Baseline);
            Assert.Equal(second.Version, (await grains.GetGrain<IUserGrain>("late-user").GetProfileAsync()).EmbeddingVersion);
        }
        finally
        {
            await StopAsync(cluster, serviceId);
        }
    }

    [SkippableFact]
    public async Task ADivergingRunDoesNotReplaceTheServingModel()
    {
        RedisServer.SkipIfMissing();
        string serviceId = RedisServer.NewServiceId();
        string seed = Path.Combine(_models, "seed.lgr");
        EmbeddingModel serving = TrainedSeed(version: 7);
        EmbeddingFile.Write(seed, serving);
        TestCluster cluster = await StartAsync(serviceId, ("LearningRate", "10000"), ("InitialModelPath", seed));
        try
        {
            IGrainFactory grains = cluster.Client;
            await new EmbeddingPublisher(grains, Options.Create(new GraphOptions { Dimension = Dimension }), NullLogger<EmbeddingPublisher>.Instance)
                .PublishAsync(serving, CancellationToken.None);
            await IngestAsync(grains, SyntheticEvents());
            ITrainerGrain trainer = grains.GetGrain<ITrainerGrain>(ITrainerGrain.Singleton);
            TrainingRequestResult request = await trainer.RequestRunAsync("test");

            TrainingStatus status = await FinishedAsync(trainer, request.RunId);
            TrainingRunSummary run = status.LastRun!;
            Assert.True(run.Outcome == TrainingOutcome.Rejected, run.Message);
            Assert.StartsWith("Kept the serving model", run.Message);
            Assert.True(run.Validation!.CandidateRecall < run.Validation.ServingRecall - run.Validation.Tolerance);
            Assert.Equal($"{serving.ModelName} v7", run.Validation.Baseline);
            Assert.Equal((0L, 0L), (run.Version, status.PublishedVersion));
            Assert.Equal(["seed.lgr"], Directory.GetFiles(_models).Select(Path.GetFileName));
            RecommendationResult recommendations = await grains.GetGrain<IUserGrain>(serving.Users[0]).GetRecommendationsAsync(new RecommendationRequest(5));
            Assert.Equal(7, recommendations.ModelVersion);
        }
        finally
        {
            await StopAsync(cluster, serviceId);
        }
    }

    /// <summary>
    /// The serving model a broken run must not replace: trained as a sound run would be (lr 0.01, 10 epochs) on
    /// the older three quarters of the stream.
    /// </summary>
    private static EmbeddingModel TrainedSeed(long version)
    {
        int older = Synthetic.Train.Length * 3 / 4;
        var graphs = new SplitGraphs(BipartiteGraph.Build(Synthetic.UserCount, Synthetic.ItemCount, Synthetic.Train.AsSpan(0, older)),
            BipartiteGraph.Build(Synthetic.UserCount, Synthetic.ItemCount, Synthetic.Train.AsSpan(older)));
        var options = new TrainingOptions
        {
            Dimension = Dimension, Layers = Layers, Sampler = NegativeSamplers.Uniform, Epochs = 10, BatchSize = 512,
            LearningRate = 0.01, EvaluateEvery = 10, Ks = [10], Threads = 1, Device = "cpu",
        };
        using var trainer = new GraphTrainer(graphs, options);
        trainer.Train(checkpointPath: null, resume: false, batchProgress: null, onEpoch: null, onBest: null, CancellationToken.None);
        EmbeddingFactors factors = trainer.FinalEmbeddings();
        return new EmbeddingModel("seed", version, Dimension, Synthetic.Users, Synthetic.Items, factors.UserVectors, factors.ItemVectors,
            new Dictionary<string, string>(), new Dictionary<string, double>(), DateTimeOffset.UnixEpoch);
    }

    private async Task<TestCluster> StartAsync(string serviceId, params (string Name, string Value)[] trainer)
    {
        var settings = new Dictionary<string, string?>
        {
            ["LGR:Redis:ConnectionString"] = redis.ConnectionString,
            [$"{GraphOptions.Section}:Dimension"] = $"{Dimension}",
            [$"{GraphOptions.Section}:Layers"] = $"{Layers}",
            [$"{TrainerOptions.Section}:ModelFolder"] = _models,
            [$"{TrainerOptions.Section}:Interval"] = "00:00:00",
            [$"{TrainerOptions.Section}:EventThreshold"] = "0",
            [$"{TrainerOptions.Section}:MinEvents"] = "500",
            [$"{TrainerOptions.Section}:Epochs"] = "10",
            [$"{TrainerOptions.Section}:BatchSize"] = "512",
            [$"{TrainerOptions.Section}:LearningRate"] = "0.01",
            [$"{TrainerOptions.Section}:Sampler"] = "rns",
            [$"{TrainerOptions.Section}:ValidationK"] = "10",
            [$"{TrainerOptions.Section}:ValidationFraction"] = "0.25",
        };
        foreach (var (name, value) in trainer)
        {
            settings[$"{TrainerOptions.Section}:{name}"] = value;
        }
        TestCluster cluster = TestClusters.Create(silos: 2, settings, serviceId);
        await cluster.DeployAsync();
        return cluster;
    }

    private async Task StopAsync(TestCluster cluster, string serviceId)
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
        await redis.DeleteKeysAsync(serviceId);
    }

    private static List<(string User, string Item)> SyntheticEvents() =>
        Synthetic.Train.Select(e => (Synthetic.Users[e.User], Synthetic.Items[e.Item])).ToList();

    /// <summary>Each user's events in order, users concurrently: as their streams deliver them.</summary>
    private static Task IngestAsync(IGrainFactory grains, IEnumerable<(string User, string Item)> events) =>
        Task.WhenAll(events.GroupBy(e => e.User).Select(async user =>
        {
            foreach (var (_, item) in user)
            {
                Assert.True(await grains.GetGrain<IUserGrain>(user.Key).ApplyInteractionAsync(Event(user.Key, item)));
            }
        }));

    private static Task<TrainingStatus> FinishedAsync(ITrainerGrain trainer, Guid runId) =>
        Eventually.Returns(trainer.GetStatusAsync, status => status.LastRun?.RunId == runId, "the run finishes", timeoutSeconds: 180);

    private async Task<List<LoggedInteraction>> ReadLogAsync(string serviceId) =>
        (await redis.Database.ListRangeAsync($"{serviceId}/training/log")).Select(value => LoggedInteractionCodec.Decode(value.ToString())).ToList();

    /// <summary>Neighbours of a node whose first log entry with it comes after the cut (sequences count from 1).</summary>
    private static int EdgesAfterCut(List<LoggedInteraction> log, string id, bool isUser, long cut) =>
        log.Select((entry, index) => (entry, Sequence: index + 1L))
            .Where(e => (isUser ? e.entry.UserId : e.entry.ItemId) == id)
            .GroupBy(e => isUser ? e.entry.ItemId : e.entry.UserId)
            .Count(neighbour => neighbour.Min(e => e.Sequence) > cut);
}
