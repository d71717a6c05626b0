using System.Net;
using LiveGraphRec.Silo.Extensions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace LiveGraphRec.Grains.Tests.Observability;

/// <summary>
/// <c>lgr demo</c> hosts the silo in its own process on <c>WebApplication.CreateSlimBuilder</c>; the metrics endpoint
/// and the Orleans dashboard work there too.
/// </summary>
public sealed class SlimHostTests
{
    [Fact]
    public async Task ASlimHostServesMetricsAndTheDashboard()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(TestGraphOptions.Settings)
        {
            ["LGR:Api:ApiKey"] = SiloHost.ApiKey,
            ["LGR:Silo:SiloPort"] = FreePort.Next().ToString(),
            ["LGR:Silo:GatewayPort"] = FreePort.Next().ToString(),
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddLiveGraphRec();
        await using WebApplication app = builder.Build();
        app.MapLiveGraphRecApis();
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            Assert.Contains("orleans_", await client.GetStringAsync("/metrics"));
            using HttpResponseMessage dashboard = await client.GetAsync("/dashboard/");
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
            Assert.Contains("<title>Orleans Dashboard</title>", await dashboard.Content.ReadAsStringAsync());
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
