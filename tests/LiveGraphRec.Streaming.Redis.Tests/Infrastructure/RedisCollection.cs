namespace LiveGraphRec.Streaming.Redis.Tests.Infrastructure;

/// <summary>One redis-server for the whole test run.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "redis-server";
}
