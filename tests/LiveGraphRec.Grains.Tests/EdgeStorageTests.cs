using LiveGraphRec.Grains.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace LiveGraphRec.Grains.Tests;

public sealed class EdgeStorageTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(Edge).Assembly)).BuildServiceProvider().GetRequiredService<Serializer>();

    private static readonly DateTimeOffset First = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnEdgeStoredBeforeCompactTimesReadsTheSame()
    {
        // Edge { FirstAt = First, LastAt = First + 1 h, Weight 2, Interactions 3, versions 4 and 5, FirstSequence 6 },
        // as the previous Edge (DateTimeOffset members) wrote it.
        byte[] stored = Convert.FromHexString(
            "20208000C0DF36504BDF08810000000000000000E021800028A498584BDF08810000000000000000E06100000040010D011101150119E0");

        Edge edge = Serializer.Deserialize<Edge>(stored)!;

        Assert.Equal(First, edge.FirstAt);
        Assert.Equal(First.AddHours(1), edge.LastAt);
        Assert.Equal((2f, 3, 4L, 5L, 6L), (edge.Weight, edge.Interactions, edge.OwnVersion, edge.NeighbourVersion, edge.FirstSequence));
        // Written again, it keeps its values; once its times are set (the next interaction), in the compact form.
        Edge unchanged = Serializer.Deserialize<Edge>(Serializer.SerializeToArray(edge))!;
        Assert.Equal((First, First.AddHours(1)), (unchanged.FirstAt, unchanged.LastAt));
        (edge.FirstAt, edge.LastAt) = (edge.FirstAt, edge.LastAt.AddHours(1));
        byte[] rewritten = Serializer.SerializeToArray(edge);
        Assert.True(rewritten.Length <= 34, $"{rewritten.Length} bytes, {stored.Length} before"); // 55 before
        Edge read = Serializer.Deserialize<Edge>(rewritten)!;
        Assert.Equal((First, First.AddHours(2), 6L), (read.FirstAt, read.LastAt, read.FirstSequence));
    }

    [Fact]
    public void TimesRoundTripAsInstants()
    {
        var local = new DateTimeOffset(2026, 11, 26, 9, 30, 15, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        var edge = new Edge { FirstAt = local, LastAt = local.AddDays(1) };

        Edge read = Serializer.Deserialize<Edge>(Serializer.SerializeToArray(edge))!;

        Assert.Equal(local, read.FirstAt); // the same instant, to the tick (reported in UTC)
        Assert.Equal(TimeSpan.Zero, read.FirstAt.Offset);
        Assert.Equal(local.AddDays(1), read.LastAt);
        Assert.Equal(default, new Edge().FirstAt);
    }
}
