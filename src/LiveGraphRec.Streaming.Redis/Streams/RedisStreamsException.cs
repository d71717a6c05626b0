namespace LiveGraphRec.Streaming.Redis;

/// <summary>A Redis error raised while the Redis Streams provider talked to Redis.</summary>
public sealed class RedisStreamsException : Exception
{
    public RedisStreamsException(string message) : base(message)
    {
    }

    public RedisStreamsException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
