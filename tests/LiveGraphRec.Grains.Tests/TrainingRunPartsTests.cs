using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Embeddings;
using LiveGraphRec.Core.Models;
using LiveGraphRec.Grains.Training;
using LiveGraphRec.Training.Hosting;
using Microsoft.Extensions.Options;

namespace LiveGraphRec.Grains.Tests;

/// <summary>The pieces of a training run that need no cluster: snapshot, warm start, gate and model store.</summary>
public sealed class TrainingRunPartsTests
{
    /// <summary>Six training entries, then four held out: a new pair, a repeated pair, an unknown user, an unknown item.</summary>
    private static readonly LoggedInteraction[] Log =
        new[] { ("u1", "a"), ("u1", "b"), ("u2", "a"), ("u2", "c"), ("u1", "a"), ("u3", "a"), ("u1", "c"), ("u2", "a"), ("u4", "b"), ("u3", "d") }
            .Select(e => new LoggedInteraction(e.Item1, e.Item2, 1f, DateTimeOffset.UnixEpoch)).ToArray();

    [Fact]
    public void TheSnapshotTrainsOnTheOlderEntriesAndValidatesOnNewPairsAmongTheNewest()
    {
        TrainingSnapshot snapshot = TrainingSnapshot.Build(Log, validationFraction: 0.4);
        Assert.Equal((6L, 10L), (snapshot.Cut, snapshot.Events));
        Assert.Equal(["u1", "u2", "u3"], snapshot.Users.Ids);
        Assert.Equal(["a", "b", "c"], snapshot.Items.Ids);
        Assert.Equal(5, snapshot.Graphs.Train.EdgeCount);
        Assert.Equal(1, snapshot.Graphs.Test.EdgeCount);
        Assert.True(snapshot.Graphs.Test.HasEdge(0, 2)); // (u1, c)
    }

    [Fact]
    public void TheWarmStartTakesServingRowsThenFoldInsThenSmallRandomVectors()
    {
        TrainingSnapshot snapshot = TrainingSnapshot.Build(Log, validationFraction: 0.4);
        var ego = Model(version: 3, users: ["x", "u1"], items: ["a"], dimension: 2);
        var serving = new ServingModel(ego, ego, "test");
        var userFoldIns = new Dictionary<string, float[]> { ["u2"] = [5f, 6f] };
        var itemFoldIns = new Dictionary<string, float[]> { ["c"] = [0f, 0f] };

        WarmStart warm = WarmStart.Build(snapshot, serving, userFoldIns, itemFoldIns, dimension: 2, seed: 1);

        Assert.Equal((2, 1, 3), (warm.FromModel, warm.FromFoldIn, warm.Random));
        Assert.Equal(ego.UserVector(1).ToArray(), warm.Ego[0..2]); // u1
        Assert.Equal([5f, 6f], warm.Ego[2..4]); // u2, folded in
        Assert.Equal(ego.ItemVector(0).ToArray(), warm.Ego[6..8]); // a
        Assert.All(warm.Ego[4..6].Concat(warm.Ego[8..12]), value => Assert.InRange(Math.Abs(value), 1e-6f, 1f)); // u3, b, c (a zero fold-in)
    }

    [Fact]
    public void TheGateRefusesDivergedWorseOrUnvalidatedModels()
    {
        var finite = new EmbeddingFactors(1, [1f], [1f]);
        ValidationReport Report(double candidate, double serving, int users = 10) => new(users, 20, candidate, serving, 0.05, "serving v1");

        Assert.Null(ValidationGate.Refusal(Report(0.16, 0.20), finite));
        Assert.Null(ValidationGate.Refusal(Report(0.30, 0.20), finite));
        Assert.Equal("Recall@20 0.1400 is below the serving model's 0.2000 (serving v1) by more than the tolerance 0.05",
            ValidationGate.Refusal(Report(0.14, 0.20), finite));
        Assert.StartsWith("no held-out edge", ValidationGate.Refusal(Report(0.3, 0.2, users: 0), finite));
        Assert.StartsWith("the trained embeddings are not finite", ValidationGate.Refusal(Report(0.3, 0.2), new EmbeddingFactors(1, [float.NaN], [1f])));
        Assert.StartsWith("the trained embeddings are not finite", ValidationGate.Refusal(Report(0.3, 0.2), new EmbeddingFactors(1, [1f], [3e38f, 3e38f])));
    }

    [Fact]
    public void TheStoreServesTheLastPublishedVersionElseTheSeedWithItsEgoAndRefusesCorruptFiles()
    {
        string folder = Directory.CreateTempSubdirectory("lgr-store-").FullName;
        try
        {
            string seed = Path.Combine(folder, "seed.lgr");
            EmbeddingFile.Write(seed, Model(version: 40, users: ["u1"], items: ["a"], dimension: 2));
            var store = new ModelStore(Options.Create(new TrainerOptions { ModelFolder = Path.Combine(folder, "models"), InitialModelPath = seed }));
            Assert.Equal(0, store.HighestVersion());
            ServingModel fromSeed = store.LoadServing(publishedVersion: 0)!;
            Assert.Equal((40, "m"), (fromSeed.Final.Version, fromSeed.Ego.ModelName));
            // A seed with its E⁰ beside it warm-starts from that rather than from its final embeddings.
            EmbeddingFile.Write(Path.Combine(folder, "seed.ego.lgr"), Model(40, ["u1"], ["a"], 2) with { ModelName = "seed-ego" });
            Assert.Equal(Path.Combine(folder, "seed.ego.lgr"), ModelStore.SeedEgoPath(seed));
            Assert.Equal(("m", "seed-ego"), (store.LoadServing(publishedVersion: 0)!.Final.ModelName, store.LoadServing(publishedVersion: 0)!.Ego.ModelName));

            EmbeddingModel saved = store.Save(Model(41, ["u1"], ["a"], 2), Model(41, ["u1"], ["a"], 2) with { ModelName = "ego" });
            Assert.Equal(41, saved.Version);
            Assert.Equal(41, store.HighestVersion());
            ServingModel serving = store.LoadServing(publishedVersion: 41)!;
            Assert.Equal(("m", "ego"), (serving.Final.ModelName, serving.Ego.ModelName));

            byte[] bytes = File.ReadAllBytes(store.FinalPath(41));
            bytes[^12] ^= 0xFF;
            File.WriteAllBytes(store.FinalPath(41), bytes);
            Assert.Throws<InvalidDataException>(() => store.LoadServing(publishedVersion: 41));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static EmbeddingModel Model(long version, string[] users, string[] items, int dimension)
    {
        IdMap Ids(string[] ids)
        {
            var map = new IdMap();
            foreach (string id in ids)
            {
                map.GetOrAdd(id);
            }
            return map;
        }
        float[] Vectors(int rows, float offset) => Enumerable.Range(0, rows * dimension).Select(n => offset + n).ToArray();
        return new EmbeddingModel("m", version, dimension, Ids(users), Ids(items), Vectors(users.Length, 10), Vectors(items.Length, 20),
            new Dictionary<string, string>(), new Dictionary<string, double>(), DateTimeOffset.UnixEpoch);
    }
}
