using LiveGraphRec.Client.Load;

namespace LiveGraphRec.Client.Tests.Load;

public sealed class LoadWorkloadTests
{
    [Fact]
    public void EventIdsStayUniqueAcrossEveryPostOfTheWorkload()
    {
        // Warm-up and measurement draw from one workload; their POSTs must not repeat an id (a repeated id is a duplicate).
        var workload = LoadWorkload.Synthetic(users: 3, items: 4, seed: 1);

        string[] ids = [.. Enumerable.Range(0, 50).SelectMany(_ => workload.Events(20)).Select(e => e.EventId)];

        Assert.Equal(1_000, ids.Length);
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
    }
}
