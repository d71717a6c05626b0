using System.Numerics;
using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Metrics;
using LiveGraphRec.Core.Models;
using LiveGraphRec.Core.Retrieval;
using LiveGraphRec.Core.Retrieval.Hashing;

namespace LiveGraphRec.Core.Tests.Retrieval.Hashing;

public sealed class HammingSearchTests
{
    private static BinaryCodes RandomCodes(Random random, int rows, int bits)
    {
        // Few distinct bit patterns per word make many equal distances, so the index tie-break is exercised.
        var planes = new ulong[rows * (bits / 64)];
        for (int k = 0; k < planes.Length; k++)
        {
            planes[k] = (ulong)random.NextInt64() & (random.Next(3) == 0 ? 0xFFUL : ulong.MaxValue);
        }
        return new BinaryCodes(rows, bits, planes);
    }

    private static ulong[] Row(BinaryCodes codes, int row)
    {
        var code = new ulong[codes.WordsPerCode];
        codes.CopyRow(row, code);
        return code;
    }

    private static int NaiveDistance(ulong[] a, ulong[] b) => a.Zip(b).Sum(p => BitOperations.PopCount(p.First ^ p.Second));

    [Theory]
    [InlineData(64, 1037)]
    [InlineData(128, 515)]
    [InlineData(192, 9)]
    public void DistancesArePopcountsOfTheXor(int bits, int rows)
    {
        var random = new Random(bits + rows);
        BinaryCodes codes = RandomCodes(random, rows, bits);
        ulong[] query = Row(RandomCodes(random, 1, bits), 0);
        var distances = new ushort[rows];

        HammingDistances.Compute(query, codes, distances);

        for (int r = 0; r < rows; r++)
        {
            Assert.Equal(NaiveDistance(query, Row(codes, r)), distances[r]);
        }
    }

    [Theory]
    [InlineData(64, 1037, 1)]
    [InlineData(64, 1037, 20)]
    [InlineData(64, 1037, 200)]
    [InlineData(128, 515, 100)]
    [InlineData(64, 40, 60)]
    [InlineData(128, 33, 0)]
    public void TopNEqualsBruteForceWithTiesAndExclusions(int bits, int rows, int n)
    {
        var random = new Random(bits * 7 + rows + n);
        BinaryCodes codes = RandomCodes(random, rows, bits);
        var searcher = new HammingSearcher(codes);
        for (int trial = 0; trial < 5; trial++)
        {
            ulong[] query = Row(RandomCodes(random, 1, bits), 0);
            int[] excluded = RandomEmbeddings.SortedSubset(random, rows, 0.1);
            int[] expected = [.. Enumerable.Range(0, rows).Where(r => Array.BinarySearch(excluded, r) < 0)
                .OrderBy(r => NaiveDistance(query, Row(codes, r))).ThenBy(r => r).Take(n)];
            var nearest = new int[n];

            int written = searcher.Search(query, excluded, nearest);

            Assert.Equal(expected, nearest[..written]);
        }
    }

    [Fact]
    public void SignsPackIntoBitsInComponentOrder()
    {
        var values = new float[128];
        values[0] = 1;
        values[63] = 0.5f;
        values[64] = 2;
        values[1] = -1;
        values[65] = 0; // zero counts as −1

        BinaryCodes codes = BinaryCodes.FromSigns(values, 1, 128);

        Assert.Equal((1UL << 63) | 1UL, Row(codes, 0)[0]);
        Assert.Equal(1UL, Row(codes, 0)[1]);
    }

    [Fact]
    public void HierarchicalSearchReRanksTheHammingShortlistExactly()
    {
        var random = new Random(5);
        const int rows = 700, dim = 16, bits = 64, shortlist = 50, k = 10;
        EmbeddingMatrix items = RandomEmbeddings.SmallIntegers(random, rows, dim);
        BinaryCodes codes = RandomCodes(random, rows, bits);
        var searcher = new HierarchicalSearcher(codes, items, shortlist);
        for (int trial = 0; trial < 5; trial++)
        {
            ulong[] code = Row(RandomCodes(random, 1, bits), 0);
            float[] user = [.. RandomEmbeddings.SmallIntegers(random, 1, dim).Values];
            int[] excluded = RandomEmbeddings.SortedSubset(random, rows, 0.05);
            var candidates = Enumerable.Range(0, rows).Where(r => Array.BinarySearch(excluded, r) < 0)
                .OrderBy(r => NaiveDistance(code, Row(codes, r))).ThenBy(r => r).Take(shortlist);
            int[] expected = [.. candidates
                .Select(r => (Item: r, Score: Enumerable.Range(0, dim).Sum(d => user[d] * items.Row(r)[d])))
                .OrderByDescending(x => x.Score).ThenBy(x => x.Item).Take(k).Select(x => x.Item)];
            var top = new int[k];
            var scores = new float[k];

            int written = searcher.Search(code, user, excluded, top, scores);

            Assert.Equal(expected, top[..written]);
        }
    }

    [Fact]
    public void HierarchicalOverTheWholeCatalogIsExactRetrieval()
    {
        var random = new Random(9);
        const int users = 80, items = 150, dim = 8;
        var edges = Enumerable.Range(0, 1500).Select(_ => new Interaction(random.Next(users), random.Next(items), 0)).ToArray();
        var graphs = new SplitGraphs(BipartiteGraph.Build(users, items, edges[..1200]), BipartiteGraph.Build(users, items, edges[1200..]));
        var factors = new EmbeddingFactors(dim, [.. RandomEmbeddings.Gaussian(random, users, dim).Values], [.. RandomEmbeddings.Gaussian(random, items, dim).Values]);

        HashRetrievalReport report = HashRetrievalEvaluator.Evaluate(RandomCodes(random, users, 64), RandomCodes(random, items, 64),
            factors, graphs, [20], candidates: items);

        MetricsReport exact = RankingEvaluator.Evaluate(factors, graphs, [20]);
        Assert.Equal(exact.At(20).Recall, report.Hierarchical.At(20).Recall, 12);
        Assert.Equal(exact.At(20).Ndcg, report.Hierarchical.At(20).Ndcg, 12);
        Assert.Equal(exact.TestUsers, report.Hamming.TestUsers);
    }
}

public sealed class BinaryCodeFileTests
{
    [Fact]
    public void RoundTripsAndRejectsATruncatedFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"lgr-codes-{Guid.NewGuid():N}.codes");
        try
        {
            var random = new Random(2);
            var users = new BinaryCodes(3, 128, [.. Enumerable.Range(0, 6).Select(_ => (ulong)random.NextInt64())]);
            var items = new BinaryCodes(5, 128, [.. Enumerable.Range(0, 10).Select(_ => (ulong)random.NextInt64())]);

            BinaryCodeFile.Write(path, users, items);
            var (readUsers, readItems) = BinaryCodeFile.Read(path);

            Assert.Equal(users.Plane(1).ToArray(), readUsers.Plane(1).ToArray());
            Assert.Equal(items.Plane(0).ToArray(), readItems.Plane(0).ToArray());
            Assert.Equal(128, readItems.Bits);
            File.WriteAllBytes(path, File.ReadAllBytes(path)[..^8]);
            Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => BinaryCodeFile.Read(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
