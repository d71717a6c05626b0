using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LiveGraphRec.Core.Synthetic;
using LiveGraphRec.Grains.Abstractions;
using LiveGraphRec.Silo.Extensions;
using Orleans;

// Starts one embedded silo (in-memory state, streams and interaction log) in this process, ingests a synthetic
// stream, trains once so a model serves, then measures GetRecommendations latency (grain call + top-K over the
// local item index) from concurrent callers: first with the trainer idle, then while a second run trains.
// Usage: dotnet run -c Release --project tests/LiveGraphRec.ServingBenchmark -- [users items events epochs seconds callers trainerThreads]
int[] numbers = args.Select(int.Parse).ToArray();
int Arg(int index, int fallback) => index < numbers.Length ? numbers[index] : fallback;
int users = Arg(0, 2_000), items = Arg(1, 3_000), events = Arg(2, 40_000), epochs = Arg(3, 40), seconds = Arg(4, 20), callers = Arg(5, 4), threads = Arg(6, 1);

string models = Directory.CreateTempSubdirectory("lgr-serving-bench-").FullName;
var builder = WebApplication.CreateBuilder();
builder.Logging.ClearProviders(); // only the figures below: the shared machine makes Orleans warn about late timers
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["LGR:Api:ApiKey"] = "serving-benchmark-key-0123456789",
    ["LGR:Silo:SiloPort"] = $"{FreePort()}",
    ["LGR:Silo:GatewayPort"] = $"{FreePort()}",
    ["LGR:Graph:Dimension"] = "64",
    ["LGR:Graph:Layers"] = "3",
    ["LGR:Trainer:ModelFolder"] = models,
    ["LGR:Trainer:Interval"] = "00:00:00",
    ["LGR:Trainer:EventThreshold"] = "0",
    ["LGR:Trainer:Epochs"] = $"{epochs}",
    ["LGR:Trainer:Patience"] = "1000",
    ["LGR:Trainer:Sampler"] = "dns",
    ["LGR:Trainer:Threads"] = $"{threads}",
    ["LGR:Trainer:Tolerance"] = "1",
});
builder.AddLiveGraphRec();
await using WebApplication app = builder.Build();
await app.StartAsync();
IGrainFactory grains = app.Services.GetRequiredService<IGrainFactory>();
ITrainerGrain trainer = grains.GetGrain<ITrainerGrain>(ITrainerGrain.Singleton);

var data = SyntheticGenerator.Generate(new SyntheticOptions { Users = users, Items = items, Interactions = events, Communities = 20, Seed = 42 });
var clock = Stopwatch.StartNew();
await Task.WhenAll(data.Train.GroupBy(e => e.User).Select(async user =>
{
    IUserGrain grain = grains.GetGrain<IUserGrain>(data.Users[user.Key]);
    foreach (var e in user)
    {
        await grain.ApplyInteractionAsync(new InteractionEvent(Guid.NewGuid().ToString("N"), data.Users[e.User], data.Items[e.Item],
            InteractionKind.Click, 1f, DateTimeOffset.FromUnixTimeSeconds(e.Timestamp)));
    }
}));
Console.WriteLine($"ingested {events:N0} events ({users:N0} users, {items:N0} items) in {clock.Elapsed.TotalSeconds:F1} s");

TrainingRunSummary first = await RunAsync(measure: false);
Console.WriteLine($"first run: {first.Outcome}, version {first.Version}, {first.Epochs} epochs in {first.Duration.TotalSeconds:F1} s");

// Let the publish's corrections and index pushes settle first, so the idle phase is idle.
await Task.Delay(TimeSpan.FromSeconds(5));
var idle = await MeasureAsync(() => Task.Delay(TimeSpan.FromSeconds(seconds)));
Report("trainer idle", idle);
List<double>? during = null;
TrainingRunSummary second = await RunAsync(measure: true);
Report($"during training ({second.Epochs} epochs, {second.Duration.TotalSeconds:F1} s, {threads} trainer thread(s), {second.Outcome})", during!);
await app.StopAsync();
Directory.Delete(models, recursive: true);

async Task<TrainingRunSummary> RunAsync(bool measure)
{
    TrainingRequestResult request = await trainer.RequestRunAsync("benchmark");
    if (!request.Accepted)
    {
        throw new InvalidOperationException(request.Message);
    }
    async Task<TrainingRunSummary> FinishedAsync()
    {
        while (true)
        {
            TrainingStatus status = await trainer.GetStatusAsync();
            if (status.LastRun?.RunId == request.RunId)
            {
                return status.LastRun;
            }
            await Task.Delay(200);
        }
    }
    if (!measure)
    {
        return await FinishedAsync();
    }
    Task<TrainingRunSummary> finished = FinishedAsync();
    during = await MeasureAsync(() => finished);
    return await finished;
}

// Callers loop over random users until `until` completes; each records the latency of its calls in milliseconds.
async Task<List<double>> MeasureAsync(Func<Task> until)
{
    using var stop = new CancellationTokenSource();
    var latencies = new List<double>[callers];
    Task[] loops = Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
    {
        var random = new Random(caller);
        var mine = latencies[caller] = [];
        while (!stop.IsCancellationRequested)
        {
            IUserGrain user = grains.GetGrain<IUserGrain>(data.Users[random.Next(users)]);
            long start = Stopwatch.GetTimestamp();
            await user.GetRecommendationsAsync(new RecommendationRequest(20));
            mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    })).ToArray();
    await until();
    await stop.CancelAsync();
    await Task.WhenAll(loops);
    return latencies.SelectMany(l => l).Order().ToList();
}

void Report(string phase, List<double> sorted)
{
    double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
    Console.WriteLine($"{phase}: {sorted.Count:N0} calls; p50 {At(0.50):F2} ms, p95 {At(0.95):F2} ms, p99 {At(0.99):F2} ms, max {sorted[^1]:F2} ms");
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
