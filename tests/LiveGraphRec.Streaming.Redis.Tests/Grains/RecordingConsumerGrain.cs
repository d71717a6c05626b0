using Orleans.Streams;
using Orleans.Streams.Core;

namespace LiveGraphRec.Streaming.Redis.Tests.Grains;

[Alias("LiveGraphRec.Streaming.Redis.Tests.IRecordingConsumerGrain")]
public interface IRecordingConsumerGrain : IGrainWithStringKey
{
    /// <summary>The sequence numbers received on this grain's stream, in arrival order.</summary>
    [Alias("GetReceivedAsync")]
    Task<IReadOnlyList<int>> GetReceivedAsync();
}

/// <summary>Implicitly subscribed to the stream with its own key; records what arrives, in memory.</summary>
[ImplicitStreamSubscription(StreamNamespace)]
public sealed class RecordingConsumerGrain : Grain, IRecordingConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<TestEvent>
{
    public const string StreamNamespace = "test-events";

    private readonly List<int> _received = [];

    public Task<IReadOnlyList<int>> GetReceivedAsync() => Task.FromResult<IReadOnlyList<int>>([.. _received]);

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<TestEvent>().ResumeAsync(this);

    public Task OnNextAsync(TestEvent item, StreamSequenceToken? token = null)
    {
        _received.Add(item.Sequence);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
