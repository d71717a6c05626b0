using System.Numerics.Tensors;
using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Embeddings;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Propagation;
using static LiveGraphRec.Grains.Tests.Interactions;

namespace LiveGraphRec.Grains.Tests;

public sealed class OnlinePropagationTests
{
    /// <summary>
    /// End to end through the grains: with one layer and corrections reaching every neighbour, the
    /// embeddings after applying events online equal a from-scratch LightGCN propagation over the same edges (with the
    /// published embedding at full weight).
    /// </summary>
    [Fact]
    public async Task GrainEmbeddingsEqualTheFromScratchPropagation()
    {
        const int users = 10, items = 10;
        await TestClusters.RunAsync(silos: 2, new Dictionary<string, string?>
        {
            ["LGR:Graph:Layers"] = "1",
            ["LGR:Graph:CorrectionFanOut"] = "100",
        }, async cluster =>
        {
            await TestClusters.PublishAsync(cluster.Client, version: 1);
            var random = new Random(11);
            Interaction[] edges = Enumerable.Range(0, 45)
                .Select(_ => new Interaction(random.Next(users), random.Next(items), 0))
                .DistinctBy(e => (e.User, e.Item))
                .ToArray();
            foreach (Interaction edge in edges)
            {
                Assert.True(await cluster.Client.GetGrain<IUserGrain>($"u{edge.User}")
                    .ApplyInteractionAsync(Event($"u{edge.User}", $"i{edge.Item}")));
            }

            await AssertEventuallyPropagatedAsync(cluster.Client, users, items, edges);
        });
    }

    /// <summary>
    /// A delivered event's round (its corrections) runs at its commit: with ticks ten minutes apart, the user's second
    /// edge corrects the item of its first (one layer: exact) once the delivery completes, not a flush interval later.
    /// </summary>
    [Fact]
    public async Task ADeliveredEventCorrectsTheNeighboursAtItsCommit()
    {
        var settings = new Dictionary<string, string?> { ["LGR:Graph:Layers"] = "1", ["LGR:Graph:FlushInterval"] = "00:10:00" };
        await TestClusters.RunAsync(silos: 1, settings, async cluster =>
        {
            await TestClusters.PublishAsync(cluster.Client, version: 1);
            IUserGrain user = cluster.Client.GetGrain<IUserGrain>("u0");
            // Applied directly, so nothing commits it: no round has run yet.
            Assert.True(await user.ApplyInteractionAsync(Event("u0", "i0")));
            Assert.Equal(1, await user.ApplyDeliveredAsync([new DeliveredInteraction(Event("u0", "i1"), Sequence: 0)]));

            await AssertEventuallyPropagatedAsync(cluster.Client, users: 1, items: 2, [new Interaction(0, 0, 0), new Interaction(0, 1, 0)]);
        });
    }

    /// <summary>
    /// Waits until the grains' embeddings of users u0.. and items i0.. equal a from-scratch one-layer LightGCN
    /// propagation over <paramref name="edges"/> on the published model (corrections are one-way messages).
    /// </summary>
    private static async Task AssertEventuallyPropagatedAsync(IGrainFactory grains, int users, int items, Interaction[] edges)
    {
        const int dim = TwoCommunityModel.Dimension;
        EmbeddingModel model = TwoCommunityModel.Create(version: 1);
        float[] userFinal = new float[users * dim], itemFinal = new float[items * dim];
        float[] userEgo = model.UserVectors[..(users * dim)], itemEgo = model.ItemVectors[..(items * dim)];
        LightGcnPropagation.Propagate(BipartiteGraph.Build(users, items, edges), userEgo, itemEgo, dim, layers: 1, userFinal, itemFinal);
        // Published before any edge (trained degree 0), served as e^(0) + e^(1)/2 = LightGCN's (e^(0) + e^(1))/2 + e^(0)/2.
        TensorPrimitives.MultiplyAdd(userEgo, 0.5f, userFinal, userFinal);
        TensorPrimitives.MultiplyAdd(itemEgo, 0.5f, itemFinal, itemFinal);

        foreach (var (grain, expected) in Enumerable.Range(0, users)
                     .Select(u => ((IGraphNodeGrain)grains.GetGrain<IUserGrain>($"u{u}"), userFinal.AsSpan(u * dim, dim).ToArray()))
                     .Concat(Enumerable.Range(0, items)
                         .Select(i => ((IGraphNodeGrain)grains.GetGrain<IItemGrain>($"i{i}"), itemFinal.AsSpan(i * dim, dim).ToArray()))))
        {
            await Eventually.Returns(async () => (await grain.GetProfileAsync()).Embedding,
                actual => actual.Zip(expected).All(pair => Math.Abs(pair.First - pair.Second) <= 1e-5f),
                $"{grain.GetPrimaryKeyString()} matches [{string.Join(", ", expected)}]", timeoutSeconds: 5);
        }
    }

    /// <summary>
    /// One layer online on top of a three-layer model: a first edge between a published user and item adds each one's
    /// published embedding to the other with the model's layer weight 1/4 (both at degree 1, so 1/√(1·1)).
    /// </summary>
    [Fact]
    public async Task OnlineLayersOfADeeperModelTakeItsLayerWeight()
    {
        var settings = new Dictionary<string, string?> { ["LGR:Graph:Layers"] = "3", ["LGR:Graph:OnlineLayers"] = "1" };
        await TestClusters.RunAsync(silos: 1, settings, async cluster =>
        {
            await TestClusters.PublishAsync(cluster.Client, version: 1);
            await ApplyAllAsync(cluster.Client, "u0", ["i10"]);

            EmbeddingModel model = TwoCommunityModel.Create(version: 1);
            float[] user = model.UserVector(0).ToArray(), item = model.ItemVector(10).ToArray();
            float[] expectedUser = [.. user.Zip(item, (u, i) => u + i / 4)], expectedItem = [.. item.Zip(user, (i, u) => i + u / 4)];
            Assert.Equal(expectedUser, (await cluster.Client.GetGrain<IUserGrain>("u0").GetProfileAsync()).Embedding, (a, b) => Math.Abs(a - b) < 1e-6);
            Assert.Equal(expectedItem, (await cluster.Client.GetGrain<IItemGrain>("i10").GetProfileAsync()).Embedding, (a, b) => Math.Abs(a - b) < 1e-6);
        });
    }

    /// <summary>
    /// A publish counts the node's edges so far as trained, weighted by <see cref="GraphOptions.TrainedDegreeWeight"/>;
    /// later edges are online. With λ = 0.5 a user with four edges before the publish is normalized as if it had two.
    /// </summary>
    [Fact]
    public async Task APublishWeighsTheTrainedEdgesIntoTheDegree()
    {
        await TestClusters.RunAsync(silos: 1, new Dictionary<string, string?> { ["LGR:Graph:TrainedDegreeWeight"] = "0.5" }, async cluster =>
        {
            IGrainFactory grains = cluster.Client;
            await ApplyAllAsync(grains, "u0", ["i0", "i1", "i2", "i3"]);
            await TestClusters.PublishAsync(grains, version: 1);
            await ApplyAllAsync(grains, "u0", ["i4"]);

            NodeProfile user = await grains.GetGrain<IUserGrain>("u0").GetProfileAsync();
            Assert.Equal((2, 1, 5), (user.TrainedDegree, user.Degree, user.Neighbours.Count));
        });
    }

    /// <summary>
    /// With online propagation off (a retrain-only deployment) an event is recorded — adjacency, history, seen-item
    /// exclusion — but no embedding moves until the next publish, neither the endpoints' nor, through corrections,
    /// their neighbours'.
    /// </summary>
    [Fact]
    public async Task WithOnlinePropagationOffEventsAreRecordedButEmbeddingsWaitForThePublish()
    {
        await TestClusters.RunAsync(silos: 1, new Dictionary<string, string?> { ["LGR:Graph:OnlinePropagation"] = "false" }, async cluster =>
        {
            IGrainFactory grains = cluster.Client;
            await TestClusters.PublishAsync(grains, version: 1);
            IUserGrain user = grains.GetGrain<IUserGrain>("u0"), newcomer = grains.GetGrain<IUserGrain>("newcomer");
            IItemGrain item = grains.GetGrain<IItemGrain>("i10");
            NodeProfile userBefore = await user.GetProfileAsync(), itemBefore = await item.GetProfileAsync();

            await ApplyAllAsync(grains, "u0", ["i10", "i11"]);
            await ApplyAllAsync(grains, "newcomer", ["i10"]);
            await Task.Delay(TimeSpan.FromMilliseconds(400)); // several write-behind ticks: any correction would have landed

            NodeProfile userAfter = await user.GetProfileAsync(), itemAfter = await item.GetProfileAsync();
            Assert.Equal(["i10", "i11"], userAfter.Neighbours.Select(n => n.Id).Order());
            Assert.Equal(["newcomer", "u0"], itemAfter.Neighbours.Select(n => n.Id).Order());
            Assert.Equal((2L, 2L), (userAfter.AppliedEvents, itemAfter.AppliedEvents));
            Assert.Equal((0, 0), (userAfter.Degree, itemAfter.Degree));
            Assert.Equal(userBefore.Embedding, userAfter.Embedding);
            Assert.Equal(itemBefore.Embedding, itemAfter.Embedding);
            Assert.All((await newcomer.GetProfileAsync()).Embedding, value => Assert.Equal(0f, value));
            RecommendationResult recommended = await user.GetRecommendationsAsync(new RecommendationRequest(TwoCommunityModel.Items));
            Assert.DoesNotContain(recommended.Items, scored => scored.ItemId is "i10" or "i11");
        });
    }
}
