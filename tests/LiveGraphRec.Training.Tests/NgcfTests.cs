using LiveGraphRec.Core.Graph;
using LiveGraphRec.Training.Models;
using LiveGraphRec.Training.Propagation;
using static TorchSharp.torch;

namespace LiveGraphRec.Training.Tests;

public sealed class NgcfTests
{
    [Fact]
    public void ConcatenatesNormalizedLayersAndFollowsEquationSeven()
    {
        var graph = TinyGraphs.Random(users: 6, items: 5, edges: 16, seed: 3);
        using var op = new GraphOperator(SymmetricAdjacency.From(graph), CPU, threads: 1);
        manual_seed(1);
        using var model = new Ngcf(op, dimension: 4, layers: 2, messageDropoutRate: 0);
        model.SetTraining(false);

        var layers = model.PropagateLayers();
        using var final = model.Final(layers);

        Assert.Equal(new long[] { 11, 12 }, final.shape);
        Assert.Equal(12, model.Dimension);
        Assert.True(layers[1].square().sum(1).sqrt().allclose(ones(11), atol: 1e-5));

        // Layer 1 by hand from Eq. 7: LeakyReLU((ÃE + E)W1ᵀ + b1 + ((ÃE) ⊙ E)W2ᵀ + b2), then L2-normalized.
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using var e = model.Ego.detach();
        using var side = op.Multiply(e);
        using var raw = nn.functional.leaky_relu(
            side.add(e).matmul(parameters["aggregation.0.weight"].t()).add(parameters["aggregation.0.bias"])
                .add(side.mul(e).matmul(parameters["interaction.0.weight"].t()).add(parameters["interaction.0.bias"])), 0.2);
        using var expected = nn.functional.normalize(raw, p: 2, dim: 1);
        Assert.True(layers[1].detach().allclose(expected, atol: 1e-5));
    }

    [Fact]
    public void TheGivenGeneratorAloneDecidesTheWeightsAndTheDroppedMessages()
    {
        var graph = TinyGraphs.Random(users: 6, items: 5, edges: 16, seed: 3);
        using var op = new GraphOperator(SymmetricAdjacency.From(graph), CPU, threads: 1);
        // Other tests re-seed libtorch's global generator in parallel: draws from it would differ between the two models.
        using Generator seven = new(7), sevenAgain = new(7), eight = new(8);
        manual_seed(1);
        using var first = new Ngcf(op, dimension: 4, layers: 2, messageDropoutRate: 0.5, generator: seven);
        manual_seed(2);
        using var second = new Ngcf(op, dimension: 4, layers: 2, messageDropoutRate: 0.5, generator: sevenAgain);
        using var other = new Ngcf(op, dimension: 4, layers: 2, messageDropoutRate: 0.5, generator: eight);

        foreach (var ((name, a), (_, b)) in first.named_parameters().Zip(second.named_parameters()))
        {
            Assert.True(a.allclose(b, rtol: 0, atol: 0), name);
        }
        Assert.False(first.Ego.allclose(other.Ego, rtol: 0, atol: 0));
        first.SetTraining(true);
        second.SetTraining(true);
        manual_seed(3);
        var dropped = first.PropagateLayers();
        manual_seed(4);
        var same = second.PropagateLayers();
        Assert.True(dropped[2].allclose(same[2], rtol: 0, atol: 0));
        // Message dropout at 0.5 zeroes about half of a layer's messages while training, none in evaluation.
        double zeroShare = dropped[1].eq(0).to_type(ScalarType.Float32).mean().item<float>();
        Assert.InRange(zeroShare, 0.3, 0.7);

        first.SetTraining(false);
        var evaluated = first.PropagateLayers();
        Assert.Equal(0, evaluated[1].eq(0).sum().item<long>());
    }
}
