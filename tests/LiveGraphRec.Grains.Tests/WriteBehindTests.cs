namespace LiveGraphRec.Grains.Tests;

public sealed class WriteBehindTests
{
    [Fact]
    public async Task ADeferredChangeWaitsForItsDelayOrForTheNextWrite()
    {
        var state = new CountingState();
        var writeBehind = new WriteBehind<int[]>(state, maxDeferral: TimeSpan.FromHours(1));

        writeBehind.MarkDeferred();
        await writeBehind.FlushAsync();
        Assert.Equal(0, state.Writes);
        Assert.False(writeBehind.IsDirty);
        await writeBehind.WhenWrittenAsync(); // a commit does not wait for deferred changes

        // An ordinary change's write carries the deferred one: nothing is left to write afterwards.
        writeBehind.MarkDirty();
        await writeBehind.FlushAsync();
        await writeBehind.FlushAsync(includeDeferred: true);
        Assert.Equal(1, state.Writes);

        // Deactivation writes what is deferred, however briefly it waited.
        writeBehind.MarkDeferred();
        await writeBehind.FlushAsync(includeDeferred: true);
        Assert.Equal(2, state.Writes);
    }

    [Fact]
    public async Task ADeferredChangeIsWrittenOnceItsDelayPassed()
    {
        var state = new CountingState();
        var writeBehind = new WriteBehind<int[]>(state, maxDeferral: TimeSpan.Zero);
        writeBehind.MarkDeferred();
        await writeBehind.FlushAsync();
        await writeBehind.FlushAsync();
        Assert.Equal(1, state.Writes);
    }

    [Fact]
    public async Task AFailedWriteKeepsItsChangesForTheNextFlush()
    {
        var state = new CountingState { FailNext = true };
        var writeBehind = new WriteBehind<int[]>(state, maxDeferral: TimeSpan.FromHours(1));
        writeBehind.MarkDeferred();
        await Assert.ThrowsAsync<InvalidOperationException>(() => writeBehind.FlushAsync(includeDeferred: true));
        await writeBehind.FlushAsync();
        Assert.Equal(1, state.Writes);
    }

    private sealed class CountingState : IPersistentState<int[]>
    {
        public int Writes { get; private set; }
        public bool FailNext { get; set; }
        public int[] State { get; set; } = [];
        public string? Etag => null;
        public bool RecordExists => Writes > 0;

        public Task WriteStateAsync()
        {
            if (FailNext)
            {
                FailNext = false;
                return Task.FromException(new InvalidOperationException("storage down"));
            }
            Writes++;
            return Task.CompletedTask;
        }

        public Task ReadStateAsync() => Task.CompletedTask;
        public Task ClearStateAsync() => Task.CompletedTask;
    }
}
