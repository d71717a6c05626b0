using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveGraphRec.Client.Http;

public static class LiveGraphRecClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LiveGraphRecClient"/> as a typed client of the HTTP client factory, with the options
    /// (validated on first use) and the same retry and timeout pipeline as <see cref="LiveGraphRecClient.Create"/>.
    /// </summary>
    public static IHttpClientBuilder AddLiveGraphRecClient(this IServiceCollection services, Action<LiveGraphRecClientOptions> configure)
    {
        services.AddOptions<LiveGraphRecClientOptions>().Configure(configure).Validate(options =>
        {
            options.Validate();
            return true;
        });
        IHttpClientBuilder builder = services.AddHttpClient<LiveGraphRecClient>((provider, http) =>
            LiveGraphRecClient.Configure(http, provider.GetRequiredService<IOptions<LiveGraphRecClientOptions>>().Value));
        builder.AddResilienceHandler("lgr", (pipeline, context) =>
            LiveGraphRecClient.AddStrategies(pipeline, context.ServiceProvider.GetRequiredService<IOptions<LiveGraphRecClientOptions>>().Value));
        return builder;
    }
}
