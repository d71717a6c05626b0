using static LiveGraphRec.Grains.Tests.Interactions;

namespace LiveGraphRec.Grains.Tests;

/// <summary>Users whose embedding is all zeros get the most popular items; everyone else keeps the model's ranking.</summary>
public sealed class PopularityFallbackTests
{
    [Fact]
    public async Task AUserTheModelCannotRankGetsTheMostPopularItemsAndAKnownUserTheModelsRanking()
    {
        var cluster = TestClusters.Create(silos: 1);
        await cluster.DeployAsync();
        try
        {
            IGrainFactory grains = cluster.Client;
            await TestClusters.PublishAsync(grains, version: 1);
            // Known users give published items 3, 2 and 1 users; the rest stay at degree 0.
            foreach (var (user, item) in new[] { ("u0", "i15"), ("u1", "i15"), ("u2", "i15"), ("u3", "i2"), ("u4", "i2"), ("u5", "i8") })
            {
                await ApplyAllAsync(grains, user, [item]);
            }
            // Unknown users on an item the model does not know: every embedding involved is zero, so theirs stay zero,
            // and that item becomes the most popular.
            foreach (string user in new[] { "cold-1", "cold-2", "cold-3", "cold-4" })
            {
                await ApplyAllAsync(grains, user, ["new-item"]);
            }

            RecommendationResult stranger = await Eventually.Returns(
                () => grains.GetGrain<IUserGrain>("stranger").GetRecommendationsAsync(new RecommendationRequest(4)),
                result => result.Items.Count == 4 && result.Items[0].Score == 4f && result.Items[3].Score == 1f,
                "the item index holds the degrees of the linked items");
            Assert.Equal(RecommendationSource.Popularity, stranger.Source);
            Assert.Equal([("new-item", 4f), ("i15", 3f), ("i2", 2f), ("i8", 1f)], stranger.Items.Select(item => (item.ItemId, item.Score)));

            RecommendationResult cold = await grains.GetGrain<IUserGrain>("cold-1").GetRecommendationsAsync(new RecommendationRequest(3));
            Assert.Equal(RecommendationSource.Popularity, cold.Source);
            Assert.Equal(["i15", "i2", "i8"], cold.Items.Select(item => item.ItemId));
            RecommendationResult among = await grains.GetGrain<IUserGrain>("stranger")
                .GetRecommendationsAsync(new RecommendationRequest(5, Candidates: ["i0", "i8", "new-item", "i2"]));
            Assert.Equal(["new-item", "i2", "i8", "i0"], among.Items.Select(item => item.ItemId));

            // u20 is in community B and has no event: the model ranks community B first, popularity would put i2 (A) second.
            RecommendationResult known = await grains.GetGrain<IUserGrain>("u20")
                .GetRecommendationsAsync(new RecommendationRequest(3, Candidates: [.. TwoCommunityModel.CommunityA, .. TwoCommunityModel.CommunityB]));
            Assert.Equal(RecommendationSource.Model, known.Source);
            Assert.All(known.Items, item => Assert.Contains(item.ItemId, TwoCommunityModel.CommunityB));
            Assert.Equal(known.Items.OrderByDescending(item => item.Score), known.Items);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
