using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Streams;

namespace LiveGraphRec.Streaming.Redis.Tests.Infrastructure;

/// <summary>
/// The provider's factory outside any silo: a serializer, logging and named options, as a silo would
/// resolve them. Lets tests drive the adapter and its receivers directly.
/// </summary>
internal sealed class StandaloneProvider : IAsyncDisposable
{
    public const string Name = "redis-test";

    private readonly ServiceProvider _services;
    private readonly RedisStreamsAdapterFactory _factory;

    public StandaloneProvider(string serviceId, Action<RedisStreamsOptions> configure)
    {
        ServiceId = serviceId;
        _services = new ServiceCollection()
            .AddSerializer()
            .AddLogging()
            .Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = ("test", serviceId))
            .Configure(Name, configure)
            .BuildServiceProvider();
        _factory = RedisStreamsAdapterFactory.Create(_services, Name);
    }

    public string ServiceId { get; }

    public RedisStreamsOptions Options => _services.GetOptionsByName<RedisStreamsOptions>(Name);

    public Serializer<RedisStreamBatchContainer> Serializer => _services.GetRequiredService<Serializer<RedisStreamBatchContainer>>();

    public IStreamQueueMapper QueueMapper => _factory.GetStreamQueueMapper();

    public Task<IQueueAdapter> CreateAdapterAsync() => _factory.CreateAdapter();

    /// <summary>The storage of the partition that <paramref name="streamId"/> maps to, connected separately.</summary>
    public RedisStreamQueue QueueOf(StreamId streamId, StackExchange.Redis.IDatabase database) =>
        new(database, RedisStreamsAdapterFactory.QueueKey(ServiceId, Name, QueueMapper.GetQueueForStream(streamId)),
            Options.ConsumerGroup, Options.MaxLength);

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _services.DisposeAsync();
    }
}
