using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveGraphRec.Core.Embeddings;
using LiveGraphRec.Grains.Training;

namespace LiveGraphRec.Grains.Tests;

/// <summary><c>POST /v1/admin/train</c> and <c>GET /v1/admin/training</c> on an embedded silo host.</summary>
public sealed class TrainingApiTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lgr-train-api-").FullName;
    private SiloHost? _host;

    private SiloHost Host => _host ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        string seed = Path.Combine(_folder, "seed.lgr");
        EmbeddingFile.Write(seed, TwoCommunityModel.Create(version: 1));
        _host = new SiloHost(new Dictionary<string, string?>
        {
            ["LGR:Silo:SeedEmbeddingsPath"] = seed,
            [$"{TrainerOptions.Section}:ModelFolder"] = Path.Combine(_folder, "models"),
            [$"{TrainerOptions.Section}:MinEvents"] = "100",
        });
        await _host.WaitUntilServingAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ARunRequestedOverHttpIsReportedWithItsOutcome()
    {
        using HttpClient client = Host.Client();
        using HttpClient anonymous = Host.Client(keyed: false);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/v1/admin/train", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/admin/training")).StatusCode);
        var events = new StringContent(EventJson.Lines("api-user", TwoCommunityModel.CommunityA.Take(4)), Encoding.UTF8, "application/x-ndjson");
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/v1/events", events)).StatusCode);
        await Eventually.Returns(async () => (await client.GetFromJsonAsync<JsonElement>("/v1/admin/training")).GetProperty("loggedEvents").GetInt64(),
            logged => logged == 4, "the events are logged");

        HttpResponseMessage response = await client.PostAsync("/v1/admin/train", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var request = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(request.GetProperty("accepted").GetBoolean());
        string runId = request.GetProperty("runId").GetString()!;

        JsonElement status = await Eventually.Returns(() => client.GetFromJsonAsync<JsonElement>("/v1/admin/training"),
            body => body.GetProperty("lastRun").ValueKind == JsonValueKind.Object, "the run is over", 30);
        JsonElement run = status.GetProperty("lastRun");
        Assert.Equal((runId, "api", "Failed"), (run.GetProperty("runId").GetString(), run.GetProperty("reason").GetString(), run.GetProperty("outcome").GetString()));
        Assert.Equal("The interaction log holds 4 events; a run needs at least 100 (LGR:Trainer:MinEvents).", run.GetProperty("message").GetString());
        Assert.Equal(("idle", 0L), (status.GetProperty("state").GetString(), status.GetProperty("publishedVersion").GetInt64()));
        // Reference time: the schedule's registration, then this run's start.
        Assert.True(status.GetProperty("nextRunAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(50));
    }

    [Fact]
    public async Task TheTypedClientRequestsARunAndReadsItsOutcome()
    {
        using var client = new LiveGraphRec.Client.Http.LiveGraphRecClient(Host.Client());

        LiveGraphRec.Client.Http.Models.TrainingRequest request = await client.RequestTrainingAsync();

        Assert.True(request.Accepted);
        LiveGraphRec.Client.Http.Models.TrainingStatus status = await Eventually.Returns(() => client.GetTrainingStatusAsync(),
            body => body.LastRun?.RunId == request.RunId, "the run is over", 30);
        // An empty log: the run fails fast with the reason, and nothing is published.
        Assert.Equal(("Failed", 0L, "idle"), (status.LastRun!.Outcome, status.LastRun.Version, status.State));
        Assert.Contains("LGR:Trainer:MinEvents", status.LastRun.Message);
        Assert.Null(status.CurrentRun);
    }
}
