using System.Net;
using LiveGraphRec.Client.Http;
using LiveGraphRec.Client.Http.Models;
using Microsoft.Extensions.Http.Resilience;

namespace LiveGraphRec.Client.Tests.Http;

public sealed class LiveGraphRecClientTests
{
    private const string Receipt = """{"accepted":2,"users":1,"items":2}""";

    private static LiveGraphRecClient ClientOver(StubHandler stub, int retries = 2)
    {
        var options = new LiveGraphRecClientOptions
        {
            BaseAddress = new Uri("http://silo.test:8080"),
            ApiKey = "key-0123456789abcdef",
            MaxRetries = retries,
            RetryDelay = TimeSpan.FromMilliseconds(1),
        };
        var http = new HttpClient(new ResilienceHandler(LiveGraphRecClient.ResiliencePipelineFor(options)) { InnerHandler = stub });
        LiveGraphRecClient.Configure(http, options);
        return new LiveGraphRecClient(http);
    }

    [Fact]
    public async Task RetriesTransientFailuresAndSendsTheKeyAndCamelCaseEventsWithoutNulls()
    {
        var stub = new StubHandler((_, call) => Task.FromResult(call < 3
            ? StubHandler.Json(HttpStatusCode.ServiceUnavailable, "{}")
            : StubHandler.Json(HttpStatusCode.Accepted, Receipt)));
        using var client = ClientOver(stub);

        IngestionReceipt receipt = await client.PostEventsAsync([new EventRecord("e1", "u1", "i1"), new EventRecord("e2", "u1", "i2", "like", 2f, 100)]);

        Assert.Equal(new IngestionReceipt(2, 1, 2), receipt);
        Assert.Equal(3, stub.Calls);
        Assert.All(stub.Requests, request => Assert.Equal(("/v1/events", "key-0123456789abcdef"), (request.Path, request.ApiKey)));
        Assert.Equal("""[{"eventId":"e1","user":"u1","item":"i1","kind":"view"},{"eventId":"e2","user":"u1","item":"i2","kind":"like","weight":2,"timestamp":100}]""",
            stub.Requests[^1].Body);
    }

    [Fact]
    public async Task ABadRequestIsNotRetriedAndItsMessageNamesEachField()
    {
        var stub = StubHandler.Always(HttpStatusCode.BadRequest,
            """{"title":"One or more validation errors occurred.","status":400,"detail":"The batch was rejected as a whole; nothing was applied.","errors":{"events[0].kind":["unknown kind 'buy'"]}}""");
        using var client = ClientOver(stub);

        var error = await Assert.ThrowsAsync<LiveGraphRecApiException>(() => client.PostEventsAsync([new EventRecord("e1", "u1", "i1", "buy")]));

        Assert.Equal(1, stub.Calls);
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("POST /v1/events answered 400", error.Message);
        Assert.Contains("events[0].kind: unknown kind 'buy'", error.Message);
        Assert.Equal(["unknown kind 'buy'"], error.Errors["events[0].kind"]);
    }

    [Fact]
    public async Task WithoutRetriesAServerErrorSurfacesAtOnce()
    {
        var stub = StubHandler.Always(HttpStatusCode.InternalServerError, "upstream exploded");
        using var client = ClientOver(stub, retries: 0);

        var error = await Assert.ThrowsAsync<LiveGraphRecApiException>(() => client.GetRecommendationsAsync("u 1", 5));

        Assert.Equal(1, stub.Calls);
        Assert.Equal(HttpStatusCode.InternalServerError, error.Status);
        Assert.Contains("upstream exploded", error.Message);
        Assert.Equal("/v1/users/u%201/recommendations?k=5&excludeSeen=true", stub.Requests.Single().Path);
    }

    [Theory]
    [InlineData(",\"source\":\"Popularity\"", Recommendations.PopularitySource)]
    [InlineData("", Recommendations.ModelSource)]
    public async Task RecommendationsSayWhatRankedThemAndASiloWithoutTheFieldMeansTheModel(string sourceField, string source)
    {
        var stub = StubHandler.Always(HttpStatusCode.OK,
            $$"""{"userId":"u1","items":[{"itemId":"i3","score":7}],"modelVersion":0,"indexVersion":9,"lastEventAt":null,"indexUpdatedAt":"2026-11-25T10:00:00+00:00"{{sourceField}}}""");
        using var client = ClientOver(stub);

        Recommendations recommendations = await client.GetRecommendationsAsync("u1", 1);

        Assert.Equal((source, "i3", 7f), (recommendations.Source, recommendations.Items.Single().ItemId, recommendations.Items.Single().Score));
    }

    [Fact]
    public async Task AnUnknownNodeIsNullAndAProfileIsRead()
    {
        var stub = new StubHandler((request, _) => Task.FromResult(request.RequestUri!.AbsolutePath.EndsWith("/nobody", StringComparison.Ordinal)
            ? StubHandler.Json(HttpStatusCode.NotFound, """{"title":"Not found","status":404}""")
            : StubHandler.Json(HttpStatusCode.OK,
                """{"id":"i7","degree":2,"embeddingVersion":3,"neighbours":[{"id":"u1","lastAt":"2026-11-25T10:00:00+00:00","weight":1.5,"interactions":2}],"embedding":[0.5,-1],"appliedEvents":4,"lastEventAt":null}""")));
        using var client = ClientOver(stub);

        Assert.Null(await client.GetUserAsync("nobody"));
        NodeProfile item = (await client.GetItemAsync("i7"))!;
        Assert.Equal(("i7", 2, 3L, 4L), (item.Id, item.Degree, item.EmbeddingVersion, item.AppliedEvents));
        Assert.Equal([0.5f, -1f], item.Embedding);
        Assert.Equal(new Neighbour("u1", new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), 1.5f, 2), item.Neighbours.Single());
    }

    [Fact]
    public void OptionsRejectARelativeAddress() =>
        Assert.Throws<ArgumentException>(() => LiveGraphRecClient.Create(new LiveGraphRecClientOptions { BaseAddress = new Uri("/v1", UriKind.Relative) }));

    [Fact]
    public async Task ATrainingRequestDuringARunNamesThatRunInsteadOfFailing()
    {
        var running = Guid.NewGuid();
        var stub = StubHandler.Always(HttpStatusCode.Conflict, $$"""{"accepted":false,"runId":"{{running}}","message":"run in progress"}""");
        using var client = ClientOver(stub);

        TrainingRequest request = await client.RequestTrainingAsync();

        Assert.Equal(new TrainingRequest(false, running, "run in progress"), request);
        Assert.Equal(1, stub.Calls); // a conflict is an answer, not a transient failure
    }

    [Fact]
    public async Task AnyOtherTrainingRequestFailureIsAnError()
    {
        using var client = ClientOver(StubHandler.Always(HttpStatusCode.NotFound, """{"title":"Trainer disabled","detail":"The trainer is disabled (LGR:Trainer:Enabled=false)."}"""));

        var error = await Assert.ThrowsAsync<LiveGraphRecApiException>(() => client.RequestTrainingAsync());

        Assert.Contains("The trainer is disabled", error.Message);
    }
}
