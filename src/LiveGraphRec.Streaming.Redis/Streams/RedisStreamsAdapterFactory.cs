using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Configuration.Overrides;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;
using StackExchange.Redis;

namespace LiveGraphRec.Streaming.Redis;

/// <summary>
/// Builds the provider's parts: a hash-ring mapper over <see cref="RedisStreamsOptions.QueueCount"/>
/// partitions, an in-memory cache per receiver, and the adapter over one Redis connection, which it
/// disposes with itself unless the connection is shared.
/// </summary>
internal sealed class RedisStreamsAdapterFactory(
    string providerName,
    RedisStreamsOptions options,
    SimpleQueueCacheOptions cacheOptions,
    ClusterOptions clusterOptions,
    Serializer<RedisStreamBatchContainer> serializer,
    ILoggerFactory loggerFactory) : IQueueAdapterFactory, IAsyncDisposable
{
    private readonly HashRingBasedStreamQueueMapper _queueMapper =
        new(new HashRingStreamQueueMapperOptions { TotalQueueCount = options.QueueCount }, providerName);
    private readonly IQueueAdapterCache _cache = new SimpleQueueAdapterCache(cacheOptions, providerName, loggerFactory);
    private readonly Task<IStreamFailureHandler> _failureHandler =
        Task.FromResult<IStreamFailureHandler>(new NoOpStreamDeliveryFailureHandler());
    private (IConnectionMultiplexer Multiplexer, bool IsShared)? _connection;

    public static RedisStreamsAdapterFactory Create(IServiceProvider services, string providerName) =>
        ActivatorUtilities.CreateInstance<RedisStreamsAdapterFactory>(services, providerName,
            services.GetOptionsByName<RedisStreamsOptions>(providerName),
            services.GetOptionsByName<SimpleQueueCacheOptions>(providerName),
            services.GetProviderClusterOptions(providerName).Value);

    /// <summary>The stream key of a partition: <c>{ServiceId}/streaming/{provider}/{queue number}</c>.</summary>
    public static RedisKey QueueKey(string serviceId, string providerName, QueueId queueId) =>
        $"{serviceId}/streaming/{providerName}/{queueId.GetNumericId()}";

    public async Task<IQueueAdapter> CreateAdapter()
    {
        var database = (await ConnectAsync()).GetDatabase();
        var queues = _queueMapper.GetAllQueues().ToDictionary(
            queueId => queueId,
            queueId => new RedisStreamQueue(database, QueueKey(clusterOptions.ServiceId, providerName, queueId),
                options.ConsumerGroup, options.MaxLength));
        return new RedisStreamsAdapter(providerName, options, queues, _queueMapper, serializer, loggerFactory);
    }

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _queueMapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => _failureHandler;

    public async ValueTask DisposeAsync()
    {
        if (_connection is { IsShared: false } connection)
        {
            await connection.Multiplexer.DisposeAsync();
        }
        _connection = null;
    }

    private async Task<IConnectionMultiplexer> ConnectAsync()
    {
        try
        {
            _connection ??= await options.CreateMultiplexer(options);
            return _connection.Value.Multiplexer;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            throw new RedisStreamsException($"Redis Streams provider '{providerName}' cannot connect: {exception.Message}", exception);
        }
    }
}
