using System.Numerics.Tensors;
using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Models;
using LiveGraphRec.Core.Propagation;

namespace LiveGraphRec.Core.Tests.Propagation;

public sealed class NodeEmbeddingStateTests
{
    private const int Users = 30, Items = 20, Dim = 6;
    private const float Tolerance = 1e-5f;

    [Fact]
    public void OneLayerBuiltEdgeByEdgeEqualsFromScratchPropagation()
    {
        var (edges, userEgo, itemEgo) = RandomGraph(seed: 1);
        var online = new OnlineGraph(Dim, layers: 1, userEgo, itemEgo);
        online.LinkAll(edges);

        // Served: e^(0) + e^(1)/2 = LightGCN's (e^(0) + e^(1))/2 + e^(0)/2.
        var (userFinal, itemFinal) = FromScratch(edges, userEgo, itemEgo, layers: 1);
        TensorPrimitives.MultiplyAdd(userEgo, 0.5f, userFinal, userFinal);
        TensorPrimitives.MultiplyAdd(itemEgo, 0.5f, itemFinal, itemFinal);
        AssertRowsEqual(userFinal, online.Users, (node, row) => node.Final(row));
        AssertRowsEqual(itemFinal, online.Items, (node, row) => node.Final(row));
    }

    [Fact]
    public void DeeperModelsKeepTheFirstLayerAndDegreesExact()
    {
        var (edges, userEgo, itemEgo) = RandomGraph(seed: 2);
        var online = new OnlineGraph(Dim, layers: 3, userEgo, itemEgo);
        online.LinkAll(edges);

        var graph = BipartiteGraph.Build(Users, Items, edges);
        Assert.Equal(Enumerable.Range(0, Users).Select(graph.UserDegree), online.Users.Select(u => u.Degree));
        Assert.Equal(Enumerable.Range(0, Items).Select(graph.ItemDegree), online.Items.Select(i => i.Degree));
        var (userLayer1, itemLayer1) = FirstLayerFromScratch(edges, userEgo, itemEgo);
        AssertRowsEqual(userLayer1, online.Users, (node, row) => node.Layer(1, row));
        AssertRowsEqual(itemLayer1, online.Items, (node, row) => node.Layer(1, row));
    }

    [Fact]
    public void WithoutNeighbourCorrectionsTheFirstLayerIsStale()
    {
        // The exactness above rests on the corrections: leaving them out must be visible to the same check.
        var (edges, userEgo, itemEgo) = RandomGraph(seed: 1);
        var online = new OnlineGraph(Dim, layers: 1, userEgo, itemEgo);
        online.LinkAll(edges, sendCorrections: false);

        var (userLayer1, _) = FirstLayerFromScratch(edges, userEgo, itemEgo);
        var row = new float[Dim];
        float worst = online.Users.Select((node, u) =>
        {
            node.Layer(1, row);
            return TensorPrimitives.MaxMagnitude(Difference(row, userLayer1.AsSpan(u * Dim, Dim)));
        }).Max();
        Assert.True(worst > 1e-2f, $"largest layer-1 error without corrections was only {worst}");
    }

    [Fact]
    public void ColdUserFoldsInNextToUsersWithTheSameItems()
    {
        // Two communities: users 0–19 take items 0–9, users 20–39 items 10–19; a trained spectral model.
        const int users = 40, items = 20, dim = 4;
        var random = new Random(5);
        var edges = Enumerable.Range(0, users)
            .SelectMany(u => Enumerable.Range(u < 20 ? 0 : 10, 10).OrderBy(_ => random.Next()).Take(5)
                .Select(i => new Interaction(u, i, 0)))
            .ToArray();
        // The model is published (trained with every edge so far); only the newcomer's edges are online.
        var graph = BipartiteGraph.Build(users, items, edges);
        var model = SpectralModel.Fit(graph, dim, seed: 3);
        int[] trainedDegrees = [.. Enumerable.Range(0, users).Select(graph.UserDegree), 0, .. Enumerable.Range(0, items).Select(graph.ItemDegree)];
        var online = new OnlineGraph(dim, layers: 2, [.. model.UserVectors, .. new float[dim]], model.ItemVectors, trainedDegrees);

        int coldUser = users;
        int[] coldItems = [0, 1, 2];
        foreach (int item in coldItems)
        {
            online.Link(coldUser, item);
        }

        float[] Final(int user) { var v = new float[dim]; online.Users[user].Final(v); return v; }
        float[] cold = Final(coldUser);
        var sameItems = Enumerable.Range(0, 20).Where(u => edges.Count(e => e.User == u && coldItems.Contains(e.Item)) >= 2).ToArray();
        Assert.NotEmpty(sameItems);
        double nearest = sameItems.Average(u => TensorPrimitives.CosineSimilarity(cold, Final(u)));
        double otherCommunity = Enumerable.Range(20, 20).Max(u => TensorPrimitives.CosineSimilarity(cold, Final(u)));
        // The newcomer is the normalized sum of its three items' published embeddings (its e^(2) is 0: its own e^(0) is).
        Assert.True(nearest > 0.85, $"mean cosine to users with the same items is {nearest:F3}");
        Assert.True(otherCommunity < 0.5, $"cosine to a user of the other community reaches {otherCommunity:F3}");
    }

    [Fact]
    public void PublishReplacesTheEgoAndStartsANewOnlineGraphNormalizedByTheTrainedDegree()
    {
        var node = NodeEmbeddingState.Cold(dimension: 2, layers: 1);
        node.Link([3f, 4f]);
        node.Publish([1f, 1f], trainedDegree: 3);

        Assert.Equal((0, 3, 3), (node.Degree, node.TrainedDegree, node.FullDegree));
        var final = new float[2];
        node.Final(final);
        Assert.Equal([1f, 1f], final);
        // The published embedding is the neighbours' view too, at the degree including the new edge: (1, 1)/√4.
        Assert.Equal([0.5f, 0.5f], node.ProspectiveContribution());

        // One new neighbour: e^(1) = (2, 4)/√(3 + 1), served as e^(0) + e^(1)/2.
        node.Link([2f, 4f]);
        node.Final(final);
        Assert.Equal([1.5f, 2f], final);
        Assert.Throws<ArgumentException>(() => node.Publish([1f, 2f, 3f], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => node.Publish([1f, 2f], -1));
    }

    [Fact]
    public void OnlineLayersOfADeeperModelTakeItsLayerWeight()
    {
        // One layer online on top of a 3-layer model: e^(0) + e^(1)/4, not e^(0) + e^(1)/2.
        var node = new NodeEmbeddingState([1f, 0f], new float[2], degree: 0, trainedDegree: 0, modelLayers: 3);
        node.Link([0f, 2f]);
        var final = new float[2];
        node.Final(final);

        Assert.Equal([1f, 0.5f], final);
        Assert.Throws<ArgumentOutOfRangeException>(() => new NodeEmbeddingState([1f, 0f], new float[4], 0, 0, modelLayers: 1));
    }

    [Fact]
    public void ANewEdgeMovesAWellTrainedNodeLessThanAColdOne()
    {
        float[] Shift(int trainedDegree)
        {
            var node = new NodeEmbeddingState([1f, 0f], new float[2], degree: 0, trainedDegree);
            node.Link([0f, 1f]);
            var final = new float[2];
            node.Final(final);
            return [final[0] - 1f, final[1]];
        }

        // LightGCN's 1/√|N|: a node trained with 99 neighbours moves a tenth as far as one trained with none.
        Assert.Equal([0f, 0.5f], Shift(0));
        Assert.Equal([0f, 0.05f], Shift(99));
    }

    [Fact]
    public void CorrectionsBringEveryNeighbourToTheCurrentContribution()
    {
        var tracker = new CorrectionTracker<string>([1f, 1f]);
        tracker.RecordHanded("new", [3f, 3f]);
        Assert.True(tracker.HasPending && tracker.WasHanded("new") && !tracker.WasHanded("old"));

        Assert.Equal([4f, 3f], tracker.CorrectionFor("old", [5f, 4f]));
        Assert.Equal([2f, 1f], tracker.CorrectionFor("new", [5f, 4f]));
        tracker.Announced([5f, 4f]);
        Assert.False(tracker.HasPending);
        Assert.Equal([1f, 0f], tracker.CorrectionFor("new", [6f, 4f]));
    }

    [Fact]
    public void NeighboursHoldingTheAnnouncedContributionShareOneCorrection()
    {
        var tracker = new CorrectionTracker<string>([1f, 1f]);
        tracker.RecordHanded("new", [3f, 3f]);
        float[] current = [5f, 4f];

        float[] first = tracker.CorrectionFor("a", current);
        Assert.Same(first, tracker.CorrectionFor("b", current));
        Assert.NotSame(first, tracker.CorrectionFor("new", current));
        // Another current (even with equal values) and a new round each make their own.
        Assert.NotSame(first, tracker.CorrectionFor("a", [5f, 4f]));
        tracker.Announced(current);
        float[] next = tracker.CorrectionFor("a", [6f, 4f]);
        Assert.Equal([1f, 0f], next);
        Assert.Equal([4f, 3f], first);
    }

    [Fact]
    public void ARoundIsDueOnlyOnceTheContributionMovedBeyondTheThreshold()
    {
        var tracker = new CorrectionTracker<string>([3f, 4f]); // ‖announced‖ = 5

        Assert.False(tracker.MovedBeyond([3.3f, 4f], 0.1)); // moved 0.3 ≤ 0.5
        Assert.True(tracker.MovedBeyond([3.6f, 4f], 0.1)); // 0.6 > 0.5
        Assert.True(tracker.MovedBeyond([3.3f, 4f], 0)); // no threshold: every change
        Assert.True(new CorrectionTracker<string>([0f, 0f]).MovedBeyond([0.01f, 0f], 0.1)); // a cold node's first contribution
        // Measured from the last announcement, so small steps add up.
        tracker.Announced([3.3f, 4f]);
        Assert.False(tracker.MovedBeyond([3.6f, 4f], 0.1));
        Assert.True(tracker.MovedBeyond([3.9f, 4f], 0.1));
    }

    private static (Interaction[] Edges, float[] UserEgo, float[] ItemEgo) RandomGraph(int seed)
    {
        var random = new Random(seed);
        var edges = Enumerable.Range(0, 120)
            .Select(_ => (User: random.Next(Users), Item: random.Next(Items)))
            .Distinct()
            .OrderBy(_ => random.Next())
            .Select(e => new Interaction(e.User, e.Item, 0))
            .ToArray();
        return (edges, RandomMatrix(random, Users * Dim), RandomMatrix(random, Items * Dim));
    }

    private static (float[] Users, float[] Items) FromScratch(Interaction[] edges, float[] userEgo, float[] itemEgo, int layers)
    {
        float[] userFinal = new float[userEgo.Length], itemFinal = new float[itemEgo.Length];
        LightGcnPropagation.Propagate(BipartiteGraph.Build(Users, Items, edges), userEgo, itemEgo, Dim, layers, userFinal, itemFinal);
        return (userFinal, itemFinal);
    }

    /// <summary>e^(1) = 2·final − e^(0) for the one-layer propagation, whose final is (e^(0) + e^(1)) / 2.</summary>
    private static (float[] Users, float[] Items) FirstLayerFromScratch(Interaction[] edges, float[] userEgo, float[] itemEgo)
    {
        var (userFinal, itemFinal) = FromScratch(edges, userEgo, itemEgo, layers: 1);
        TensorPrimitives.MultiplyAdd(userFinal, 2f, Negated(userEgo), userFinal);
        TensorPrimitives.MultiplyAdd(itemFinal, 2f, Negated(itemEgo), itemFinal);
        return (userFinal, itemFinal);
    }

    private static void AssertRowsEqual(float[] expected, NodeEmbeddingState[] nodes, Action<NodeEmbeddingState, float[]> read)
    {
        var row = new float[Dim];
        for (int n = 0; n < nodes.Length; n++)
        {
            read(nodes[n], row);
            for (int d = 0; d < Dim; d++)
            {
                Assert.True(Math.Abs(expected[n * Dim + d] - row[d]) <= Tolerance,
                    $"node {n}, dimension {d}: expected {expected[n * Dim + d]}, got {row[d]}");
            }
        }
    }

    private static float[] Difference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var difference = new float[a.Length];
        TensorPrimitives.Subtract(a, b, difference);
        return difference;
    }

    private static float[] Negated(float[] values)
    {
        var negated = new float[values.Length];
        TensorPrimitives.Negate(values, negated);
        return negated;
    }

    private static float[] RandomMatrix(Random random, int length) =>
        Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
}
