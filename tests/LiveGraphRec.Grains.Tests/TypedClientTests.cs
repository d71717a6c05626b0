using System.Net;
using LiveGraphRec.Client.Http;
using LiveGraphRec.Client.Http.Models;
using LiveGraphRec.Core.Diagnostics;
using NodeProfile = LiveGraphRec.Client.Http.Models.NodeProfile;

namespace LiveGraphRec.Grains.Tests;

/// <summary>The typed HTTP client (what <c>lgr</c> uses) against the real silo host: events, apply progress, profiles, publishing.</summary>
public sealed class TypedClientTests(SiloApiFixture silo) : IClassFixture<SiloApiFixture>, IDisposable
{
    private readonly LiveGraphRecClient _client = new(silo.Host.Client());

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task PostedEventsAreCountedAsAppliedWithTheirLagAndShowInTheProfile()
    {
        ApplyProgressReport reset = await _client.ResetApplyProgressAsync();
        Assert.Equal((0L, 0L), (reset.AppliedEvents, reset.LagSamples));

        IngestionReceipt receipt = await _client.PostEventsAsync(
            [new EventRecord("lib-1", "lib-user", "i0"), new EventRecord("lib-2", "lib-user", "i1"), new EventRecord("lib-3", "lib-other", "i1")]);
        Assert.Equal(new IngestionReceipt(3, 2, 2), receipt);

        ApplyProgressReport progress = await Eventually.Returns(() => _client.GetApplyProgressAsync(), p => p.AppliedEvents == 3, "the events are applied");
        Assert.Equal(3, progress.LagSamples);
        Assert.InRange(progress.LagMaxMs, progress.LagP50Ms, 30_000);
        NodeProfile user = (await _client.GetUserAsync("lib-user"))!;
        Assert.Equal(["i0", "i1"], user.Neighbours.Select(n => n.Id).Order());
        Recommendations recommendations = await _client.GetRecommendationsAsync("lib-user", 3);
        Assert.Equal(3, recommendations.Items.Count);
        Assert.DoesNotContain(recommendations.Items, item => item.ItemId is "i0" or "i1");
        Assert.Equal(Recommendations.ModelSource, recommendations.Source);
        Assert.Null(await _client.GetUserAsync("lib-nobody"));
        Assert.Equal(Recommendations.PopularitySource, (await _client.GetRecommendationsAsync("lib-nobody", 3)).Source);
    }

    [Fact]
    public async Task PublishedBatchesTakeANewerVersionOnceAndBadVectorsAreRejectedWhole()
    {
        float[] vector = [0.1f, 0.2f, 0.3f, 0.4f];
        var batch = new EmbeddingBatch("lib-model", 2, [new NodeVector("i2", vector), new NodeVector("i3", vector)], [new NodeVector("u2", vector)]);

        PublishReport first = await _client.PublishEmbeddingsAsync(batch);
        PublishReport again = await _client.PublishEmbeddingsAsync(batch);

        Assert.Equal(new PublishReport("lib-model", 2, 1, 2, 3, 0), first);
        Assert.Equal((0, 3), (again.Applied, again.Ignored));
        Assert.Equal(2, (await _client.GetItemAsync("i3"))!.EmbeddingVersion);

        var bad = new EmbeddingBatch("lib-model", 3, [new NodeVector("i4", vector), new NodeVector("i5", [1f, 2f])], []);
        var error = await Assert.ThrowsAsync<LiveGraphRecApiException>(() => _client.PublishEmbeddingsAsync(bad));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("items[1].vector", error.Errors.Keys);
        Assert.Equal(1, (await _client.GetItemAsync("i4"))!.EmbeddingVersion); // nothing of the bad batch was applied
    }
}
