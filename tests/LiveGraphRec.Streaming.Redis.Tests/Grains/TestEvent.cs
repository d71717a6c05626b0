namespace LiveGraphRec.Streaming.Redis.Tests.Grains;

/// <summary>An event published by the tests: which stream, and its position in that stream.</summary>
[GenerateSerializer, Immutable, Alias("LiveGraphRec.Streaming.Redis.Tests.TestEvent")]
public sealed record TestEvent([property: Id(0)] string StreamKey, [property: Id(1)] int Sequence);
