using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.LinearAlgebra;

namespace LiveGraphRec.Core.Tests.LinearAlgebra;

public sealed class RandomizedSvdTests
{
    [Fact]
    public void SymmetricEigenReconstructsTheMatrix()
    {
        double[] m = [4, 1, 2, 1, 3, 0, 2, 0, 5];
        var (values, vectors) = SymmetricEigen.Decompose((double[])m.Clone(), 3);

        Assert.True(values[0] >= values[1] && values[1] >= values[2]);
        for (int r = 0; r < 3; r++)
        {
            for (int c = 0; c < 3; c++)
            {
                double rebuilt = Enumerable.Range(0, 3).Sum(k => vectors[r * 3 + k] * values[k] * vectors[c * 3 + k]);
                Assert.Equal(m[r * 3 + c], rebuilt, 9);
            }
        }
    }

    [Fact]
    public void FindsTheLeadingSingularValuesOfTheNormalizedAdjacency()
    {
        const int users = 60, items = 40, rank = 5;
        var random = new Random(11);
        var edges = Enumerable.Range(0, 500).Select(_ => new Interaction(random.Next(users), random.Next(items), 0)).ToArray();
        var graph = BipartiteGraph.Build(users, items, edges);

        TruncatedSvd svd = RandomizedSvd.Compute(new NormalizedAdjacency(graph), rank, powerIterations: 6, seed: 1);

        // Exact reference: eigenvalues of ÂᵀÂ (items×items), dense, are σ².
        var dense = new double[users, items];
        for (int u = 0; u < users; u++)
        {
            var row = graph.ItemsOf(u);
            for (int k = 0; k < row.Length; k++) dense[u, row[k]] = graph.UserEdgeWeights[graph.UserOffsets[u] + k];
        }
        var gram = new double[items * items];
        for (int i = 0; i < items; i++)
            for (int j = 0; j < items; j++)
                for (int u = 0; u < users; u++) gram[i * items + j] += dense[u, i] * dense[u, j];
        var (eigen, _) = SymmetricEigen.Decompose(gram, items);

        for (int k = 0; k < rank; k++)
        {
            Assert.Equal(Math.Sqrt(eigen[k]), svd.Values[k], 3);
        }
        // A v_k = σ_k u_k for the leading triplet.
        for (int u = 0; u < users; u++)
        {
            double av = Enumerable.Range(0, items).Sum(i => dense[u, i] * svd.Right[i * rank]);
            Assert.Equal(svd.Values[0] * svd.Left[u * rank], av, 3);
        }
    }

    [Fact]
    public void RejectsARankLargerThanTheMatrix()
    {
        var graph = BipartiteGraph.Build(3, 3, [new Interaction(0, 0, 0)]);
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomizedSvd.Compute(new NormalizedAdjacency(graph), 4));
    }
}
