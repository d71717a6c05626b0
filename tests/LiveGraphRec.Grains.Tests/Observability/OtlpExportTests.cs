using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace LiveGraphRec.Grains.Tests.Observability;

/// <summary>
/// With the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the silo pushes its traces and logs over OTLP; here to a
/// loopback listener that records what arrives (OTLP over HTTP/protobuf, so a plain HTTP listener can take it).
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task TracesAndLogsArePushedToTheConfiguredCollector()
    {
        int port = FreePort.Next();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = new ConcurrentBag<string>();
        Task receiving = ReceiveAsync(collector, received);

        await using var silo = new SiloHost(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
        });
        using HttpClient client = silo.Client();
        using HttpResponseMessage response = await client.PostAsync("/v1/events",
            new StringContent(EventJson.Record("otlp-1", "otlp-user", "i0"), Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        await Eventually.Returns(() => Task.FromResult(received.ToHashSet()),
            paths => paths.Contains("/v1/traces") && paths.Contains("/v1/logs"), "the collector received traces and logs", 30);
        collector.Stop();
        await receiving;
    }

    private static async Task ReceiveAsync(HttpListener collector, ConcurrentBag<string> received)
    {
        try
        {
            while (true)
            {
                HttpListenerContext request = await collector.GetContextAsync();
                if (request.Request.HttpMethod == "POST" && request.Request.ContentLength64 > 0)
                {
                    received.Add(request.Request.Url!.AbsolutePath);
                }
                request.Response.StatusCode = 200;
                request.Response.Close();
            }
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
