using System.Net.Http.Json;
using LiveGraphRec.Silo.Options;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveGraphRec.Grains.Tests;

/// <summary>
/// The silo host itself (Program, co-hosting its Orleans silo) in process on free loopback ports, with the
/// test graph settings and API key plus <c>settings</c> on top.
/// </summary>
internal sealed class SiloHost : IAsyncDisposable
{
    public const string ApiKey = "test-api-key-0123456789";

    private readonly WebApplicationFactory<Program> _factory;

    public SiloHost(IReadOnlyDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>(TestGraphOptions.Settings)
        {
            ["LGR:Api:ApiKey"] = ApiKey,
            ["LGR:Silo:SiloPort"] = FreePort.Next().ToString(),
            ["LGR:Silo:GatewayPort"] = FreePort.Next().ToString(),
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            foreach (var (key, value) in all)
            {
                host.UseSetting(key, value);
            }
        });
    }

    /// <param name="keyed">Sends the API key with every request.</param>
    public HttpClient Client(bool keyed = true)
    {
        HttpClient client = _factory.CreateClient();
        if (keyed)
        {
            client.DefaultRequestHeaders.Add(ApiOptions.KeyHeader, ApiKey);
        }
        return client;
    }

    public T Service<T>() where T : notnull => _factory.Services.GetRequiredService<T>();

    /// <summary>Starts the host and waits until it is ready and its index holds the seeded two-community items.</summary>
    public async Task WaitUntilServingAsync()
    {
        using HttpClient client = Client();
        await Eventually.Returns(async () => await (await client.GetAsync("/readyz")).Content.ReadAsStringAsync(),
            body => body.StartsWith("Healthy", StringComparison.Ordinal), "the silo is ready", 20);
        // Seeding runs once the silo has started; the index then fills within a refresh or two. Wait for every item, not
        // just some: a test that ranked on the second silo of a pair as soon as it returned five items once got the other
        // community's items (score ~0) in place of its own (CI, 2026-11-27).
        await Eventually.Returns(
            async () => await client.GetFromJsonAsync<RecommendationResult>($"/v1/users/u0/recommendations?k={TwoCommunityModel.Items}&excludeSeen=false"),
            result => result!.Items.Count == TwoCommunityModel.Items, "every seeded item reaches the index", 20);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
