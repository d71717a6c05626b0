using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.LinearAlgebra;
using LiveGraphRec.Training.Masks;
using LiveGraphRec.Training.Models;
using LiveGraphRec.Training.Propagation;
using static TorchSharp.torch;

namespace LiveGraphRec.Training.Tests;

public sealed class StochasticMaskTests
{
    // f(z) = (Σ w_k z_k − 1)² + z_0 z_2 over three Bernoulli(σ(φ_k)) variables: not linear, coupled.
    private static readonly float[] TinyLogits = [0.3f, -1.2f, 2.0f];
    private static readonly double[] TinyWeights = [0.7, -0.4, 1.1];

    private static double Tiny(ReadOnlySpan<float> z) =>
        Math.Pow(TinyWeights[0] * z[0] + TinyWeights[1] * z[1] + TinyWeights[2] * z[2] - 1, 2) + z[0] * z[2];

    [Theory]
    [InlineData(MaskGradientEstimator.Arm)]
    [InlineData(MaskGradientEstimator.DisArm)]
    public void MaskGradientEstimatesMatchTheExactGradientOfTheExpectation(MaskGradientEstimator estimator)
    {
        // Exact: ∂/∂φ_k Σ_z p(z) f(z), with ∂p/∂φ_k = p(z)·(z_k − σ(φ_k)), by enumerating the 8 states.
        var exact = new double[3];
        for (int state = 0; state < 8; state++)
        {
            float[] z = [state & 1, (state >> 1) & 1, (state >> 2) & 1];
            double p = 1;
            for (int k = 0; k < 3; k++)
            {
                double keep = Sigmoid(TinyLogits[k]);
                p *= z[k] == 1 ? keep : 1 - keep;
            }
            for (int k = 0; k < 3; k++)
            {
                exact[k] += p * (z[k] - Sigmoid(TinyLogits[k])) * Tiny(z);
            }
        }

        using var samples = TinyEstimates(estimator, seed: 4);
        var mean = samples.mean([0]).data<double>().ToArray();

        for (int k = 0; k < 3; k++)
        {
            Assert.True(Math.Abs(mean[k] - exact[k]) < 0.01, $"φ_{k}: {estimator} {mean[k]:0.0000} vs exact {exact[k]:0.0000}");
        }
        Assert.True(exact.Max(Math.Abs) > 0.05); // the check is not trivially met by a zero gradient
    }

    [Fact]
    public void DisarmHasLowerVarianceThanArmOnTheSamePairs()
    {
        using var arm = TinyEstimates(MaskGradientEstimator.Arm, seed: 6);
        using var disarm = TinyEstimates(MaskGradientEstimator.DisArm, seed: 6);
        var armVariance = arm.var([0]).data<double>().ToArray();
        var disarmVariance = disarm.var([0]).data<double>().ToArray();
        for (int k = 0; k < 3; k++)
        {
            // On draws where the pair agrees (76 % of them at |φ| = 2, 15 % at 0.3) ARM still hands φ the others' loss
            // difference; DisARM gives 0 there. φ_0 measures ~0.63 of ARM's variance, the others less.
            Assert.True(disarmVariance[k] < 0.8 * armVariance[k], $"φ_{k}: DisARM variance {disarmVariance[k]:0.0000} vs ARM {armVariance[k]:0.0000}");
        }
    }

    /// <summary>200,000 estimates [samples, 3] of the tiny function's gradient: every sample's pair at once, f row by row.</summary>
    private static Tensor TinyEstimates(MaskGradientEstimator estimator, int seed)
    {
        const int samples = 200_000;
        using var logitRows = tensor(TinyLogits).expand(samples, 3);
        using var u = ArmEstimator.Uniform([samples, 3], seed, CPU);
        var (first, second) = ArmEstimator.SampleAntithetic(logitRows, u);
        using (first)
        using (second)
        using (var firstValues = tensor(Values(first), [samples, 1]))
        using (var secondValues = tensor(Values(second), [samples, 1]))
        using (var gradient = estimator == MaskGradientEstimator.DisArm
            ? ArmEstimator.DisarmGradient(firstValues, secondValues, first, second, logitRows)
            : ArmEstimator.Gradient(firstValues, secondValues, u))
        {
            return gradient.to_type(ScalarType.Float64);
        }

        static float[] Values(Tensor masks)
        {
            float[] z = masks.data<float>().ToArray();
            return Enumerable.Range(0, z.Length / 3).Select(row => (float)Tiny(z.AsSpan(3 * row, 3))).ToArray();
        }
    }

    private static double Sigmoid(double logit) => 1 / (1 + Math.Exp(-logit));

    [Fact]
    public void InferenceKeepsExactlyTheEdgesWithKeepProbabilityAboveOneHalf()
    {
        var graph = TinyGraphs.Random(users: 7, items: 6, edges: 20, seed: 5);
        using var op = new GraphOperator(SymmetricAdjacency.From(graph), CPU, threads: 1);
        manual_seed(2);
        using var model = new StochasticMaskLightGcn(op, dimension: 4, layers: 2, new MaskOptions());
        // Per layer, a different set of edges gets σ(Φ) < 0.5.
        var logits = new float[2 * graph.EdgeCount];
        var random = new Random(1);
        for (int k = 0; k < logits.Length; k++)
        {
            logits[k] = random.Next(3) == 0 ? -0.5f : 0.5f;
        }
        using (no_grad())
        {
            model.MaskLogits.copy_(tensor(logits).view(2, graph.EdgeCount));
        }

        IReadOnlyList<Tensor> layers = model.PropagateLayers();

        // Reference: LightGCN layer by layer on the graph holding only that layer's kept edges.
        Tensor expected = model.Ego.detach();
        for (int layer = 0; layer < 2; layer++)
        {
            var kept = new List<Interaction>();
            for (int u = 0; u < graph.UserCount; u++)
            {
                for (int k = graph.UserOffsets[u]; k < graph.UserOffsets[u + 1]; k++)
                {
                    if (logits[layer * graph.EdgeCount + k] > 0)
                    {
                        kept.Add(new Interaction(u, graph.UserItems[k], 0));
                    }
                }
            }
            using var pruned = new GraphOperator(SymmetricAdjacency.From(BipartiteGraph.Build(graph.UserCount, graph.ItemCount, kept.ToArray())), CPU, 1);
            expected = pruned.Multiply(expected);
            Assert.True(layers[layer + 1].detach().allclose(expected, atol: 1e-6), $"layer {layer + 1}");
        }
    }

    [Fact]
    public void TruncatedNuclearNormMatchesTheDenseSingularValues()
    {
        var graph = TinyGraphs.Random(users: 40, items: 30, edges: 300, seed: 8);
        var adjacency = SymmetricAdjacency.From(graph);
        const int rank = 4;

        double truncated = MaskedAdjacency.TruncatedNuclearNorm(adjacency, rank, seed: 3, powerIterations: 8);

        // Dense reference: σ(R)² are the eigenvalues of RᵀR.
        var gram = new double[graph.ItemCount * graph.ItemCount];
        for (int u = 0; u < graph.UserCount; u++)
        {
            for (int a = graph.UserOffsets[u]; a < graph.UserOffsets[u + 1]; a++)
            {
                for (int b = graph.UserOffsets[u]; b < graph.UserOffsets[u + 1]; b++)
                {
                    gram[graph.UserItems[a] * graph.ItemCount + graph.UserItems[b]] += graph.UserEdgeWeights[a] * (double)graph.UserEdgeWeights[b];
                }
            }
        }
        var (eigen, _) = SymmetricEigen.Decompose(gram, graph.ItemCount);
        double expected = eigen.Take(rank).Sum(l => Math.Sqrt(Math.Max(l, 0)));
        Assert.Equal(expected, truncated, 3);
    }

    [Theory]
    [InlineData(MaskGradientEstimator.Arm)]
    [InlineData(MaskGradientEstimator.DisArm)]
    public void ArmObjectiveGivesTheLogitsTheEstimatePlusTheSparsityGradient(MaskGradientEstimator estimator)
    {
        var graph = TinyGraphs.Random(users: 5, items: 4, edges: 12, seed: 2);
        using var op = new GraphOperator(SymmetricAdjacency.From(graph), CPU, threads: 1);
        manual_seed(3);
        const double sparsity = 0.01;
        using var model = new StochasticMaskLightGcn(op, dimension: 3, layers: 2, new MaskOptions(Sparsity: sparsity, InitialLogit: 0.4, Estimator: estimator));
        var losses = new List<double>();

        var (objective, loss, _) = model.ArmObjective(seed: 9, layers =>
        {
            Tensor value = layers[2].square().sum();
            losses.Add(value.item<float>());
            return (value, layers[2].sum());
        });
        objective.backward();

        int n = 2 * graph.EdgeCount;
        using var u = ArmEstimator.Uniform([2, graph.EdgeCount], seed: 9, CPU);
        using var logits = full(2, graph.EdgeCount, 0.4f);
        var (first, second) = ArmEstimator.SampleAntithetic(logits, u);
        using var estimate = estimator == MaskGradientEstimator.DisArm
            ? ArmEstimator.DisarmGradient(tensor(losses[0]), tensor(losses[1]), first, second, logits)
            : ArmEstimator.Gradient(tensor(losses[0]), tensor(losses[1]), u);
        float[] expected = estimate.data<float>().ToArray();
        Assert.Contains(expected, g => g != 0);
        float keep = 1 / (1 + MathF.Exp(-0.4f));
        float[] actual = model.MaskLogits.grad!.data<float>().ToArray();
        for (int k = 0; k < n; k++)
        {
            Assert.Equal(expected[k] + sparsity * keep * (1 - keep), actual[k], 5);
        }
        Assert.Equal((losses[0] + losses[1]) / 2, loss.item<float>(), 4);
        Assert.NotEqual(losses[0], losses[1]); // the pair differed, so the estimate is not trivially zero
        Assert.NotNull(model.Ego.grad);
    }

    [Fact]
    public void TrainingWithMasksDiffersFromPlainLightGcnButKeepsEveryEdgeAtInferenceFromAHighStart()
    {
        var graphs = TinyGraphs.Synthetic();
        var options = new Trainer.TrainingOptions
        {
            Sampler = Sampling.NegativeSamplers.Uniform, Dimension = 8, Layers = 2, Epochs = 1, BatchSize = 256, LearningRate = 0.01,
            Threads = 1, Device = "cpu", Seed = 5,
        };
        double? kept = null;
        float[] Train(string model)
        {
            using var trainer = new Trainer.GraphTrainer(graphs, options with { Model = model });
            trainer.Train(null, false, null, report => kept = report.MaskKeptShare, null, CancellationToken.None);
            return trainer.FinalEmbeddings().ItemVectors;
        }

        float[] plain = Train(ModelNames.LightGcn);
        Assert.Null(kept);
        float[] masked = Train(ModelNames.StochasticLightGcn);

        double difference = plain.Zip(masked).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(difference > 1e-4, $"largest difference {difference}");
        Assert.Equal(1.0, kept);
    }

    [Fact]
    public void KeptSharesSeparateTheOriginalEdgesFromTheAddedOnes()
    {
        // Original: u0–i0, u1–i1; added: u0–i1. Edges in user-major order: (u0,i0), (u0,i1), (u1,i1).
        var original = BipartiteGraph.Build(2, 2, [new Interaction(0, 0, 0), new Interaction(1, 1, 0)]);
        var masked = BipartiteGraph.Build(2, 2, [new Interaction(0, 0, 0), new Interaction(0, 1, 0), new Interaction(1, 1, 0)]);
        // Two layers: the originals kept in 3 of 4 masks, the added edge in 1 of 2.
        float[] logits = [1f, -1f, 2f, -0.5f, 0.5f, 3f];

        var (kept, keptAdded) = MaskKeptShares.ByOrigin(masked, original, logits);

        Assert.Equal(0.75, kept);
        Assert.Equal(0.5, keptAdded);
        Assert.Throws<ArgumentException>(() => MaskKeptShares.ByOrigin(masked, original, logits.AsSpan(0, 5)));
    }

    [Fact]
    public void MaskLogitsLearnAtTheirOwnScaledRate()
    {
        // A heavy sparsity penalty pulls every logit down by about the mask learning rate per Adam step: from a start
        // of 0.5, the embeddings' rate leaves every edge kept after a few epochs, a rate 500× higher prunes most.
        var graphs = TinyGraphs.Synthetic();
        var options = new Trainer.TrainingOptions
        {
            Model = ModelNames.StochasticLightGcn, Sampler = Sampling.NegativeSamplers.Uniform, Dimension = 8, Layers = 2, Epochs = 3,
            BatchSize = 256, LearningRate = 0.001, Threads = 1, Device = "cpu", Seed = 5,
        };
        double Kept(double scale)
        {
            double share = double.NaN;
            using var trainer = new Trainer.GraphTrainer(graphs, options with { Masks = new MaskOptions(Sparsity: 1, InitialLogit: 0.5, LearningRateScale: scale) });
            trainer.Train(null, false, null, report => share = report.MaskKeptShare ?? double.NaN, null, CancellationToken.None);
            return share;
        }

        Assert.Equal(1.0, Kept(1));
        double scaled = Kept(500);
        Assert.True(scaled < 0.5, $"kept {scaled:P1} with the scaled rate");
    }
}
