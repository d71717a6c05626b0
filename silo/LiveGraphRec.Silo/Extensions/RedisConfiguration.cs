using LiveGraphRec.Silo.Options;
using StackExchange.Redis;

namespace LiveGraphRec.Silo.Extensions;

internal static class RedisConfiguration
{
    /// <summary>The connection string with the separately configured password and TLS applied.</summary>
    public static ConfigurationOptions ToConfigurationOptions(this RedisOptions redis)
    {
        var configuration = ConfigurationOptions.Parse(redis.ConnectionString!);
        if (!string.IsNullOrEmpty(redis.Password))
        {
            configuration.Password = redis.Password;
        }
        if (redis.Ssl is bool ssl)
        {
            configuration.Ssl = ssl;
        }
        return configuration;
    }
}
