using Orleans.Runtime;
using static LiveGraphRec.Grains.Tests.Interactions;

namespace LiveGraphRec.Grains.Tests;

public sealed class ClusterTests(EmbeddedClusterFixture fixture) : IClassFixture<EmbeddedClusterFixture>
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task RecommendationsFollowTheUsersInteractions()
    {
        IUserGrain user = _grains.GetGrain<IUserGrain>("newcomer");
        await ApplyAllAsync(_grains, "newcomer", TwoCommunityModel.CommunityA.Take(3));
        RecommendationResult first = await RecommendAsync(user, count: 5);
        Assert.All(first.Items, item => Assert.Contains(item.ItemId, TwoCommunityModel.CommunityA.Skip(3)));
        Assert.All(first.Items, item => Assert.True(item.Score > 0));
        Assert.Equal(0, first.ModelVersion);
        Assert.NotNull(first.LastEventAt);

        await ApplyAllAsync(_grains, "newcomer", TwoCommunityModel.CommunityB.Take(8));
        RecommendationResult second = await user.GetRecommendationsAsync(new RecommendationRequest(2, Candidates: Catalog));
        Assert.All(second.Items, item => Assert.Contains(item.ItemId, TwoCommunityModel.CommunityB.Skip(8)));
    }

    [Fact]
    public async Task ARedeliveredEventChangesNothing()
    {
        IUserGrain user = _grains.GetGrain<IUserGrain>("twice");
        InteractionEvent interaction = Event("twice", "i4", eventId: "twice-1");
        Assert.True(await user.ApplyInteractionAsync(interaction));
        // The new edge's corrections go out on each side's next tick (FlushInterval); let them land first, or one
        // arriving between the two snapshots reads as a change made by the re-delivery (2 of 8 runs on a loaded machine).
        await Task.Delay(TimeSpan.FromSeconds(1));
        NodeProfile userBefore = await user.GetProfileAsync();
        NodeProfile itemBefore = await _grains.GetGrain<IItemGrain>("i4").GetProfileAsync();

        Assert.False(await user.ApplyInteractionAsync(interaction));

        NodeProfile userAfter = await user.GetProfileAsync();
        NodeProfile itemAfter = await _grains.GetGrain<IItemGrain>("i4").GetProfileAsync();
        Assert.Equal((1, 1L, 1), (userAfter.Degree, userAfter.AppliedEvents, userAfter.Neighbours.Single().Interactions));
        Assert.Equal(userBefore.Embedding, userAfter.Embedding);
        Assert.Equal((itemBefore.Degree, itemBefore.AppliedEvents), (itemAfter.Degree, itemAfter.AppliedEvents));
        Assert.Equal(itemBefore.Embedding, itemAfter.Embedding);
    }

    [Fact]
    public async Task ARepairLinkRestoresAMissingEdgeButNeverCountsTwice()
    {
        IItemGrain item = _grains.GetGrain<IItemGrain>("repaired");
        NeighbourLink Link(string eventId, bool isRepair) =>
            new("fixer", eventId, DateTimeOffset.UtcNow, 1f, 0, new float[TwoCommunityModel.Dimension * 2], isRepair);

        Assert.True((await item.LinkUserAsync(Link("lost-1", isRepair: true))).IsNewEdge);
        Assert.False((await item.LinkUserAsync(Link("lost-2", isRepair: true))).IsNewEdge);
        Assert.False((await item.LinkUserAsync(Link("fresh-3", isRepair: false))).IsNewEdge);

        NodeProfile profile = await item.GetProfileAsync();
        Assert.Equal((1, 2L), (profile.Degree, profile.AppliedEvents));
        Assert.Equal(2, profile.Neighbours.Single().Interactions);
    }

    [Fact]
    public async Task ARepeatedInteractionAddsWeightButNoSecondEdge()
    {
        IUserGrain user = _grains.GetGrain<IUserGrain>("repeat");
        await ApplyAllAsync(_grains, "repeat", ["i5", "i5"]);
        NodeProfile profile = await user.GetProfileAsync();
        Assert.Equal(1, profile.Degree);
        Assert.Equal((2, 2f), (profile.Neighbours.Single().Interactions, profile.Neighbours.Single().Weight));
    }

    [Fact]
    public async Task OlderEmbeddingVersionsAreIgnored()
    {
        IItemGrain item = _grains.GetGrain<IItemGrain>("versioned");
        Assert.True(await item.PublishEmbeddingAsync(new EmbeddingUpdate(5, [3f, 0f, 0f, 0f])));
        Assert.False(await item.PublishEmbeddingAsync(new EmbeddingUpdate(4, [0f, 3f, 0f, 0f])));
        Assert.False(await item.PublishEmbeddingAsync(new EmbeddingUpdate(5, [0f, 0f, 3f, 0f])));

        NodeProfile profile = await item.GetProfileAsync();
        Assert.Equal(5, profile.EmbeddingVersion);
        Assert.Equal([3f, 0f, 0f, 0f], profile.Embedding); // the published embedding itself: no online layers yet

        var republish = await TestClusters.PublishAsync(_grains, version: 1);
        Assert.Equal(0, republish.Applied);
        Assert.Equal(TwoCommunityModel.Users + TwoCommunityModel.Items, republish.Ignored);
    }

    [Fact]
    public async Task StateSurvivesDeactivation()
    {
        await ApplyAllAsync(_grains, "sleeper", ["i1", "i2"]);
        NodeProfile before = await _grains.GetGrain<IUserGrain>("sleeper").GetProfileAsync();

        var management = _grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        var userGrainType = typeof(Nodes.UserGrain).FullName!;
        var active = await management.GetDetailedGrainStatistics([userGrainType]);
        Assert.DoesNotContain(active, stat => stat.GrainId.Key.ToString() == "sleeper");

        NodeProfile after = await _grains.GetGrain<IUserGrain>("sleeper").GetProfileAsync();
        Assert.Equal(before.Neighbours.Select(n => n.Id), after.Neighbours.Select(n => n.Id));
        Assert.Equal((before.Degree, before.AppliedEvents), (after.Degree, after.AppliedEvents));
        Assert.Equal(before.Embedding, after.Embedding);
    }

    [Fact]
    public async Task CorrectionsWaitingForTheirWriteSurviveDeactivation()
    {
        // A cold user linking a cold item has a zero embedding; it moves only when the item, linked by a published
        // user too, corrects it. That correction makes no write of its own (CorrectionWriteDelay is 30 s), so only
        // the deactivation can have stored it.
        IUserGrain user = _grains.GetGrain<IUserGrain>("corrected");
        await ApplyAllAsync(_grains, "corrected", ["deferred-item"]);
        // Let the user's own write and the item's first tick pass, so neither carries the correction.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.All((await user.GetProfileAsync()).Embedding, value => Assert.Equal(0f, value));
        await ApplyAllAsync(_grains, "u39", ["deferred-item"]);
        NodeProfile before = await Eventually.Returns(user.GetProfileAsync, profile => profile.Embedding.Any(value => value != 0f),
            "the item's correction reached the user");

        var management = _grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        var active = await management.GetDetailedGrainStatistics([typeof(Nodes.UserGrain).FullName!]);
        Assert.DoesNotContain(active, stat => stat.GrainId.Key.ToString() == "corrected");

        Assert.Equal(before.Embedding, (await user.GetProfileAsync()).Embedding);
    }

    [Fact]
    public async Task AFastReferenceIsTheSameGrainAsOrleansOwn()
    {
        var orleans = (GrainReference)_grains.GetGrain<IUserGrain>("u1");
        var fast = (GrainReference)_grains.GetGrainFast<IUserGrain>("u1");
        Assert.Equal(orleans.GrainId, fast.GrainId);
        Assert.Equal(orleans.InterfaceType, fast.InterfaceType);
        // Resolved per interface: an item and a shard (integer key) get their own types.
        Assert.Equal(((GrainReference)_grains.GetGrain<IItemGrain>("i1")).GrainId, ((GrainReference)_grains.GetGrainFast<IItemGrain>("i1")).GrainId);
        Assert.Equal(((GrainReference)_grains.GetGrain<IItemIndexShardGrain>(3)).GrainId, ((GrainReference)_grains.GetGrainFast<IItemIndexShardGrain>(3)).GrainId);
        Assert.Equal((await _grains.GetGrain<IUserGrain>("u1").GetProfileAsync()).Degree,
            (await _grains.GetGrainFast<IUserGrain>("u1").GetProfileAsync()).Degree);
    }

    /// <summary>The published items; other tests add items of their own to the shared cluster.</summary>
    private static readonly string[] Catalog = [.. TwoCommunityModel.CommunityA, .. TwoCommunityModel.CommunityB];

    /// <summary>Waits until this silo's item index holds the published catalog, then ranks it.</summary>
    private static Task<RecommendationResult> RecommendAsync(IUserGrain user, int count) =>
        Eventually.Returns(() => user.GetRecommendationsAsync(new RecommendationRequest(count, Candidates: Catalog)),
            result => result.Items.Count == count, "the item index holds the published items");
}
