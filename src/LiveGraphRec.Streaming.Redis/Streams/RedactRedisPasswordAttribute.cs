using StackExchange.Redis;

namespace LiveGraphRec.Streaming.Redis;

/// <summary>Logs Redis client options without their password.</summary>
internal sealed class RedactRedisPasswordAttribute : RedactAttribute
{
    public override string Redact(object? value) =>
        value is ConfigurationOptions configuration ? configuration.ToString(includePassword: false) : base.Redact(value);
}
