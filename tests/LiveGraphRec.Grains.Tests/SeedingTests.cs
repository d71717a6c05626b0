using System.Net;
using LiveGraphRec.Silo.Hosting;

namespace LiveGraphRec.Grains.Tests;

public sealed class SeedingTests
{
    [Fact]
    public async Task AnUnreadableSeedFileKeepsTheSiloAliveButNotReady()
    {
        string path = Path.Combine(Path.GetTempPath(), $"lgr-bad-seed-{Guid.NewGuid():N}.lgr");
        await File.WriteAllTextAsync(path, "not an embedding file");
        try
        {
            await using var host = new SiloHost(new Dictionary<string, string?> { ["LGR:Silo:SeedEmbeddingsPath"] = path });
            using HttpClient client = host.Client(keyed: false);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
            string? problem = await Eventually.Returns(() => Task.FromResult(host.Service<SeedStatus>().Problem),
                p => p?.StartsWith("seeding failed") == true, "seeding fails");
            Assert.Contains("wrong magic bytes", problem);
            using HttpResponseMessage readiness = await client.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
            Assert.Contains("seeding failed", await readiness.Content.ReadAsStringAsync());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
