using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Propagation;
using LiveGraphRec.Training.Models;
using LiveGraphRec.Training.Propagation;
using static TorchSharp.torch;

namespace LiveGraphRec.Training.Tests;

public sealed class GraphConvolutionTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(16)]
    public void ForwardAndGradientEqualLibtorchSparseMatrixProduct(int dim)
    {
        var graph = TinyGraphs.Random(users: 12, items: 9, edges: 40, seed: 1);
        var adjacency = SymmetricAdjacency.From(graph);
        using var op = new GraphOperator(adjacency, CPU, threads: 2);
        using var sparse = SparseMatrix(adjacency);
        using var weights = randn(adjacency.NodeCount, dim);

        using var ours = randn(adjacency.NodeCount, dim).requires_grad_();
        using var reference = ours.detach().clone().requires_grad_();
        using var oursOut = GraphConvolution.Apply(ours, op);
        using var referenceOut = mm(sparse, reference);
        oursOut.mul(weights).sum().backward();
        referenceOut.mul(weights).sum().backward();

        Assert.True(oursOut.allclose(referenceOut, rtol: 1e-5, atol: 1e-6));
        Assert.True(ours.grad!.allclose(reference.grad!, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void ABackwardOnAnotherThreadLeavesNoTensorToTheFinalizer()
    {
        // libtorch runs a CUDA graph's backward on its own device thread, where the caller's dispose scope does not
        // reach; a CPU backward started on a scope-less thread is the same situation, testable without a GPU.
        var adjacency = SymmetricAdjacency.From(TinyGraphs.Random(users: 12, items: 9, edges: 40, seed: 3));
        using var op = new GraphOperator(adjacency, CPU, threads: 1);
        using var embeddings = randn(adjacency.NodeCount, 4).requires_grad_();
        long leftOnBackwardThread = -1, attachedToScope;
        // Statistics are per thread: the backward thread counts what it made, the scope's thread what was attached to it.
        long attachedBefore = TorchSharp.DisposeScopeManager.Statistics.AttachedToScopeCount;
        using (var scope = NewDisposeScope())
        {
            Tensor loss = GraphConvolution.Apply(embeddings, op).sum();
            var backward = new Thread(() =>
            {
                loss.backward();
                var made = TorchSharp.DisposeScopeManager.Statistics;
                leftOnBackwardThread = made.CreatedOutsideScopeCount - made.DisposedOutsideScopeCount;
            });
            backward.Start();
            backward.Join();
            attachedToScope = TorchSharp.DisposeScopeManager.Statistics.AttachedToScopeCount - attachedBefore;
        }
        Assert.Equal(1, leftOnBackwardThread); // the gradient handed to autograd, …
        Assert.Equal(1, attachedToScope); // … which the forward's scope now owns
        Assert.True(embeddings.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void ABackwardAfterTheForwardsScopeEndedStillComputesTheGradient()
    {
        var adjacency = SymmetricAdjacency.From(TinyGraphs.Random(users: 6, items: 5, edges: 15, seed: 4));
        using var op = new GraphOperator(adjacency, CPU, threads: 1);
        using var embeddings = randn(adjacency.NodeCount, 3).requires_grad_();
        Tensor loss;
        using (NewDisposeScope())
        {
            loss = GraphConvolution.Apply(embeddings, op).sum().MoveToOuterDisposeScope();
        }
        using (loss)
        {
            var backward = new Thread(() => loss.backward());
            backward.Start();
            backward.Join();
        }
        // d/dE Σ(ÃE) = Ã·1: each node's gradient is its row sum of Ã, the same in every column.
        using var expected = op.Multiply(ones(adjacency.NodeCount, 3));
        Assert.True(embeddings.grad!.allclose(expected));
    }

    [Fact]
    public void LightGcnFinalEmbeddingsEqualTheCorePropagation()
    {
        var graph = TinyGraphs.Random(users: 10, items: 8, edges: 30, seed: 2);
        using var op = new GraphOperator(SymmetricAdjacency.From(graph), CPU, threads: 1);
        using var model = new LightGcn(op, dimension: 8, layers: 3, new Generator(5));

        using var final = model.Final(model.PropagateLayers()).detach();
        float[] ego = model.Ego.detach().data<float>().ToArray();
        float[] userFinal = new float[graph.UserCount * 8], itemFinal = new float[graph.ItemCount * 8];
        LightGcnPropagation.Propagate(graph, ego[..(graph.UserCount * 8)], ego[(graph.UserCount * 8)..], 8, 3, userFinal, itemFinal);

        float[] actual = final.data<float>().ToArray();
        float[] expected = [.. userFinal, .. itemFinal];
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k], actual[k], tolerance: 1e-5);
        }
    }

    private static Tensor SparseMatrix(SymmetricAdjacency adjacency)
    {
        var rows = new List<long>();
        var columns = new List<long>();
        for (int r = 0; r < adjacency.NodeCount; r++)
        {
            for (int k = adjacency.Offsets[r]; k < adjacency.Offsets[r + 1]; k++)
            {
                rows.Add(r);
                columns.Add(adjacency.Columns[k]);
            }
        }
        using var indices = stack([tensor(rows.ToArray()), tensor(columns.ToArray())]);
        using var values = tensor(adjacency.Weights);
        return sparse_coo_tensor(indices, values, [adjacency.NodeCount, adjacency.NodeCount]);
    }
}
