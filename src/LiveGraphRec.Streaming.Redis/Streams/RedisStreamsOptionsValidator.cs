using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace LiveGraphRec.Streaming.Redis;

/// <summary>Fails silo or client start-up with a message naming the provider and the bad option.</summary>
internal sealed class RedisStreamsOptionsValidator(RedisStreamsOptions options, string providerName) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (options.CreateMultiplexer is null)
        {
            Fail(nameof(options.CreateMultiplexer), "must not be null");
        }
        if (options.UsesDefaultConnection && options.ConfigurationOptions is null && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            Fail(nameof(options.ConnectionString), $"or {nameof(options.ConfigurationOptions)} or {nameof(options.CreateMultiplexer)} must be set");
        }
        if (options.QueueCount < 1)
        {
            Fail(nameof(options.QueueCount), "must be at least 1");
        }
        if (options.MaxBatchSize < 1)
        {
            Fail(nameof(options.MaxBatchSize), "must be at least 1");
        }
        if (string.IsNullOrWhiteSpace(options.ConsumerGroup))
        {
            Fail(nameof(options.ConsumerGroup), "must not be empty");
        }
        if (options.PendingIdleTimeout <= TimeSpan.Zero)
        {
            Fail(nameof(options.PendingIdleTimeout), "must be positive");
        }
        if (options.MaxLength is < 1)
        {
            Fail(nameof(options.MaxLength), "must be at least 1 when set (null disables trimming)");
        }
    }

    private void Fail(string option, string rule) =>
        throw new OrleansConfigurationException(
            $"Redis Streams provider '{providerName}': {nameof(RedisStreamsOptions)}.{option} {rule}.");
}
