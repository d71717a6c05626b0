using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveGraphRec.Grains.Publishing;
using LiveGraphRec.Silo.Options;
using Microsoft.Extensions.Options;

namespace LiveGraphRec.Grains.Tests;

public sealed class SiloApiTests(SiloApiFixture silo) : IClassFixture<SiloApiFixture>
{
    private readonly HttpClient _client = silo.Host.Client();

    [Fact]
    public void TheHostRunsOnTheConfiguredPorts()
    {
        // Guards the other tests' isolation: the silo must not fall back to the default ports.
        Assert.NotEqual(11_111, silo.Host.Service<IOptions<SiloHostOptions>>().Value.SiloPort);
    }

    [Fact]
    public async Task IngestedEventsReachTheUserAndItsRecommendations()
    {
        string ndjson = string.Join('\n',
            EventJson.Record("web-1", "web-newcomer", "i0"), EventJson.Record("web-2", "web-newcomer", "i1"), "", EventJson.Record("web-3", "web-newcomer", "i2"));
        HttpResponseMessage response = await PostEventsAsync(ndjson, "application/x-ndjson");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((3, 1, 3), (receipt.GetProperty("accepted").GetInt32(), receipt.GetProperty("users").GetInt32(), receipt.GetProperty("items").GetInt32()));

        NodeProfile? profile = await Eventually.Returns(() => ProfileAsync("/v1/users/web-newcomer"),
            p => p?.AppliedEvents == 3, "the three events are applied");
        Assert.Equal(["i0", "i1", "i2"], profile!.Neighbours.Select(n => n.Id).Order());
        var result = await _client.GetFromJsonAsync<RecommendationResult>("/v1/users/web-newcomer/recommendations?k=4");
        Assert.Equal(4, result!.Items.Count);
        Assert.All(result.Items, item => Assert.Contains(item.ItemId, TwoCommunityModel.CommunityA.Skip(3)));
        Assert.Equal(RecommendationSource.Model, result.Source);
        var item = await _client.GetFromJsonAsync<NodeProfile>("/v1/items/i1");
        Assert.Contains(item!.Neighbours, n => n.Id == "web-newcomer");
    }

    [Fact]
    public async Task AUserTheModelCannotRankIsMarkedAsServedByPopularity()
    {
        JsonElement result = await _client.GetFromJsonAsync<JsonElement>("/v1/users/web-stranger/recommendations?k=3");
        Assert.Equal("Popularity", result.GetProperty("source").GetString());
        float[] degrees = [.. result.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("score").GetSingle())];
        Assert.Equal(degrees.OrderDescending(), degrees);
    }

    [Fact]
    public async Task AJsonArrayIsAcceptedToo()
    {
        HttpResponseMessage response = await PostEventsAsync($"[{EventJson.Record("arr-1", "array-user", "i3")}, {EventJson.Record("arr-2", "array-user", "i4")}]");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.Returns(() => ProfileAsync("/v1/users/array-user"), p => p?.AppliedEvents == 2, "both events are applied");
    }

    [Theory]
    [InlineData(null, "header is missing")]
    [InlineData("wrong-key-0123456789", "not valid")]
    public async Task IngestionAndAdminNeedTheApiKey(string? key, string message)
    {
        // Even a malformed body is refused for the key first: nothing of it is read.
        foreach (var (path, body) in new[] { ("/v1/events", "{}"), ("/v1/admin/embeddings", "{}"), ("/v1/admin/embeddings", "{not json") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
            if (key is not null)
            {
                request.Headers.Add(ApiOptions.KeyHeader, key);
            }
            HttpResponseMessage response = await silo.Host.Client(keyed: false).SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains(message, (await Problem(response)).GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task MalformedJsonIsRejected()
    {
        JsonElement problem = await ExpectBadRequestAsync(await PostEventsAsync("[{\"eventId\": \"x\", "));
        Assert.Contains("malformed JSON", Errors(problem)["body"]);

        JsonElement lines = await ExpectBadRequestAsync(await PostEventsAsync($"{EventJson.Record("ok-1", "u", "i")}\n{{not json"));
        Assert.Contains("malformed JSON at line 2", Errors(lines)["events[1]"]);
    }

    [Fact]
    public async Task EveryBadRecordIsNamedAndNothingIsApplied()
    {
        string batch = "[" + string.Join(',',
            EventJson.Record("half-ok", "half-applied", "i6"),
            """{"eventId": "e1", "item": "i1", "kind": "view"}""",
            """{"eventId": "e2", "user": "u", "item": "i1", "kind": "teleport"}""",
            $$"""{"eventId": "e3", "user": "u", "item": "{{new string('x', 200)}}", "kind": "view"}""",
            """{"eventId": "e4", "user": "u", "item": "i1", "kind": "view", "weight": -2}""",
            """{"eventId": "e5", "user": "u", "item": "i1", "kind": "view", "timestamp": "yesterday"}""",
            "42") + "]";
        JsonElement problem = await ExpectBadRequestAsync(await PostEventsAsync(batch));
        var errors = Errors(problem);
        Assert.Equal("is required", errors["events[1].user"]);
        Assert.StartsWith("unknown kind 'teleport'; expected one of view, click", errors["events[2].kind"]);
        Assert.Equal("is 200 characters long; the limit is 128", errors["events[3].item"]);
        Assert.Contains("greater than 0", errors["events[4].weight"]);
        Assert.Contains("ISO-8601", errors["events[5].timestamp"]);
        Assert.Contains("JSON object", errors["events[6]"]);
        Assert.Equal(6, errors.Count);
        Assert.Contains("nothing was applied", problem.GetProperty("detail").GetString());

        // A later batch is applied in full; the valid record of the rejected one never is.
        Assert.Equal(HttpStatusCode.Accepted, (await PostEventsAsync(EventJson.Record("after-1", "after-rejection", "i7"))).StatusCode);
        await Eventually.Returns(() => ProfileAsync("/v1/users/after-rejection"), p => p is not null, "the later batch is applied");
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/v1/users/half-applied")).StatusCode);
    }

    [Fact]
    public async Task OversizeBatchesAndBodiesAreRejected()
    {
        string tooMany = string.Join('\n', Enumerable.Range(0, SiloApiFixture.MaxBatchEvents + 1).Select(n => EventJson.Record($"big-{n}", "big", "i1")));
        HttpResponseMessage batch = await PostEventsAsync(tooMany);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, batch.StatusCode);
        Assert.Contains($"the limit is {SiloApiFixture.MaxBatchEvents}", (await Problem(batch)).GetProperty("detail").GetString());

        HttpResponseMessage body = await PostEventsAsync(EventJson.Record("huge", "big", "i1") + new string(' ', SiloApiFixture.MaxBodyBytes));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, body.StatusCode);
        Assert.Contains("request body exceeds", (await Problem(body)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/v1/users/big")).StatusCode);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1000001")]
    [InlineData("many")]
    public async Task KOutsideItsRangeIsRejected(string k)
    {
        JsonElement problem = await ExpectBadRequestAsync(await _client.GetAsync($"/v1/users/u0/recommendations?k={k}"));
        Assert.Equal("must be an integer from 1 to 1000", Errors(problem)["k"]);
    }

    [Fact]
    public async Task CandidatesRestrictTheRanking()
    {
        var result = await _client.GetFromJsonAsync<RecommendationResult>("/v1/users/u0/recommendations?k=5&candidates=i12,%20i3,unknown,i15");
        Assert.Equal(["i12", "i15", "i3"], result!.Items.Select(item => item.ItemId).Order());

        JsonElement empty = await ExpectBadRequestAsync(await _client.GetAsync("/v1/users/u0/recommendations?candidates=i1,,i2"));
        Assert.Equal("item 2 must not be empty", Errors(empty)["candidates"]);
        string tooMany = string.Join(',', Enumerable.Range(0, 1_001).Select(n => $"i{n}"));
        JsonElement many = await ExpectBadRequestAsync(await _client.GetAsync($"/v1/users/u0/recommendations?candidates={tooMany}"));
        Assert.Equal("lists 1001 items; the limit is 1000", Errors(many)["candidates"]);
    }

    [Fact]
    public async Task OverlongAndUnknownIdsAreReported()
    {
        JsonElement problem = await ExpectBadRequestAsync(await _client.GetAsync($"/v1/users/{new string('u', 129)}/recommendations"));
        Assert.Equal("is 129 characters long; the limit is 128", Errors(problem)["id"]);
        HttpResponseMessage unknown = await _client.GetAsync("/v1/items/never-seen");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("No item 'never-seen'", (await Problem(unknown)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task HealthAndReadinessAnswer()
    {
        Assert.Equal(HttpStatusCode.OK, (await silo.Host.Client(keyed: false).GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await silo.Host.Client(keyed: false).GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task AdminPublishesAnEmbeddingFile()
    {
        JsonElement missing = await ExpectBadRequestAsync(await _client.PostAsync("/v1/admin/embeddings", Json("""{"path": "/no/such/file.lgr"}""")));
        Assert.Equal("no file at '/no/such/file.lgr'", Errors(missing)["path"]);
        JsonElement malformed = await ExpectBadRequestAsync(await _client.PostAsync("/v1/admin/embeddings", Json("{not json")));
        Assert.StartsWith("must be JSON {\"path\": FILE}", Errors(malformed)["body"]);
        JsonElement empty = await ExpectBadRequestAsync(await _client.PostAsync("/v1/admin/embeddings", Json("{}")));
        Assert.StartsWith("is required", Errors(empty)["path"]);

        // The same file was seeded on start: every node already has version 1.
        HttpResponseMessage response = await _client.PostAsync("/v1/admin/embeddings", Json(JsonSerializer.Serialize(new { path = silo.ModelPath })));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<PublishReport>();
        Assert.Equal((1L, 0, TwoCommunityModel.Users + TwoCommunityModel.Items), (report!.Version, report.Applied, report.Ignored));
    }

    /// <summary>The profile, or null while the node is unknown (404).</summary>
    private async Task<NodeProfile?> ProfileAsync(string path)
    {
        HttpResponseMessage response = await _client.GetAsync(path);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<NodeProfile>();
    }

    private static StringContent Json(string body, string mediaType = "application/json") => new(body, Encoding.UTF8, mediaType);

    private Task<HttpResponseMessage> PostEventsAsync(string body, string mediaType = "application/json") =>
        _client.PostAsync("/v1/events", Json(body, mediaType));

    private static async Task<JsonElement> ExpectBadRequestAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return await Problem(response);
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Dictionary<string, string> Errors(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value[0].GetString()!);
}
