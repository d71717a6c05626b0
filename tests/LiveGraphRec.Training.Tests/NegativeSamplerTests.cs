using LiveGraphRec.Training.Sampling;
using static TorchSharp.torch;

namespace LiveGraphRec.Training.Tests;

public sealed class NegativeSamplerTests
{
    // One user (node 0) and three items (nodes 1..3), two layers of width 2.
    private static readonly float[] Layer0 = [1, 0, /* item0 */ 0, 2, /* item1 */ 1, 0, /* item2 */ 0, 1];
    private static readonly float[] Layer1 = [0, 1, /* item0 */ 2, 2, /* item1 */ 0, 1, /* item2 */ 2, 0];

    private static ModelView View(Tensor[] layers, float[] userFinal) => new(
        layers, layers[0].add(layers[1]).div(2), tensor(userFinal).view(1, 2), UserCount: 1, Pool: rows => rows.mean([1]));

    [Fact]
    public void MixGcfMixesThePositiveIntoTheHardestCandidateOfEachLayer()
    {
        Tensor[] layers = [tensor(Layer0).view(4, 2), tensor(Layer1).view(4, 2)];
        var batch = new TrainingBatch(Users: [0], Positives: [0], Candidates: [1, 2], CandidatesPerUser: 2, MixingWeights: [0.25f, 0.5f]);

        var negative = new MixGcfNegativeSampler(candidates: 2).Select(batch, View(layers, [1, 0]));

        // Layer 0 against user [1,0]: item1 [1,0] scores 1, item2 [0,1] scores 0 → item1.
        // Layer 1: item1 [0,1] scores 0, item2 [2,0] scores 2 → item2.
        // Mixed l0 = 0.25·[0,2] + 0.75·[1,0] = [0.75, 0.5]; l1 = 0.5·[2,2] + 0.5·[2,0] = [2, 1].
        Assert.Equal([0.75f, 0.5f], negative.Ego.data<float>().ToArray());
        Assert.Equal([1.375f, 0.75f], negative.Final.data<float>().ToArray());
    }

    [Fact]
    public void MixGcfGradientReachesThePositiveAndTheChosenCandidates()
    {
        Tensor[] layers = [tensor(Layer0).view(4, 2).requires_grad_(), tensor(Layer1).view(4, 2).requires_grad_()];
        var batch = new TrainingBatch([0], [0], [1, 2], 2, [0.25f, 0.5f]);

        new MixGcfNegativeSampler(2).Select(batch, View(layers, [1, 0])).Final.sum().backward();

        // d final / d row = α/2 for the positive's layer rows, (1−α)/2 for the chosen ones; zero elsewhere.
        Assert.Equal([0, 0, 0.125f, 0.125f, 0.375f, 0.375f, 0, 0], layers[0].grad!.data<float>().ToArray());
        Assert.Equal([0, 0, 0.25f, 0.25f, 0, 0, 0.25f, 0.25f], layers[1].grad!.data<float>().ToArray());
    }

    [Fact]
    public void SeveralNegativesTakeEachUsersCandidatesAndMixingWeightsGroupByGroup()
    {
        // Two users (nodes 0, 1) and four items (nodes 2..5), two layers of width 2.
        Tensor[] layers =
        [
            tensor(new float[] { 1, 0, 0, 1, /* items */ 0, 2, 1, 0, 0, 1, 3, 3 }).view(6, 2),
            tensor(new float[] { 0, 1, 1, 0, /* items */ 2, 2, 0, 1, 2, 0, 1, 1 }).view(6, 2),
        ];
        var view = new ModelView(layers, layers[0].add(layers[1]).div(2), tensor(new float[] { 1, 0, 0, 1 }).view(2, 2), UserCount: 2,
            Pool: rows => rows.mean([1]));
        // K = 2 negatives of M = 2 candidates each: user 0 has groups {1, 2} and {3, 0}, user 1 {0, 3} and {2, 1}.
        var batch = new TrainingBatch(Users: [0, 1], Positives: [0, 3], Candidates: [1, 2, 3, 0, /* user 1 */ 0, 3, 2, 1], CandidatesPerUser: 4,
            MixingWeights: [0.25f, 0.5f, 0.75f, 0.1f, /* user 1 */ 0.3f, 0.6f, 0.9f, 0.2f]);
        var groups = new[]
        {
            new TrainingBatch([0, 1], [0, 3], [1, 2, 0, 3], 2, [0.25f, 0.5f, 0.3f, 0.6f]),
            new TrainingBatch([0, 1], [0, 3], [3, 0, 2, 1], 2, [0.75f, 0.1f, 0.9f, 0.2f]),
        };
        var single = new MixGcfNegativeSampler(candidates: 2);

        var negatives = new MultiNegativeSampler(single, negatives: 2).Select(batch, view);

        var expected = groups.Select(group => single.Select(group, view)).ToArray();
        // Rows grouped by user: user 0's two negatives, then user 1's.
        float[] Rows(Func<NegativeEmbeddings, Tensor> part, int user) =>
            [.. part(expected[0])[user].data<float>(), .. part(expected[1])[user].data<float>()];
        Assert.Equal([4, 2], negatives.Final.shape);
        Assert.Equal([.. Rows(n => n.Final, 0), .. Rows(n => n.Final, 1)], negatives.Final.data<float>().ToArray());
        Assert.Equal([.. Rows(n => n.Ego, 0), .. Rows(n => n.Ego, 1)], negatives.Ego.data<float>().ToArray());
        Assert.Equal(8, new MultiNegativeSampler(single, 4).CandidatesPerUser);
    }

    [Fact]
    public void SeveralUniformNegativesAreTheCandidatesInOrder()
    {
        Tensor[] layers = [tensor(Layer0).view(4, 2), tensor(Layer1).view(4, 2)];
        var view = View(layers, [1, 0]);
        var batch = new TrainingBatch([0], [0], [2, 0, 1], 3, []);

        var negatives = new MultiNegativeSampler(new UniformNegativeSampler(), 3).Select(batch, view);

        // Items 2, 0, 1 are nodes 3, 1, 2.
        Assert.Equal(view.Final.index_select(0, tensor(new long[] { 3, 1, 2 })).data<float>().ToArray(), negatives.Final.data<float>().ToArray());
        Assert.Equal([0, 1, 0, 2, 1, 0], negatives.Ego.data<float>().ToArray());
    }

    [Fact]
    public void PinSageTakesNoNegativesCount()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            NegativeSamplers.Create(NegativeSamplers.PinSage, 4, TinyGraphs.Synthetic().Train, seed: 1, negatives: 2));
        Assert.Contains("pinsage", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void DnsPicksTheCandidateTheModelScoresHighest()
    {
        Tensor[] layers = [tensor(Layer0).view(4, 2), tensor(Layer1).view(4, 2)];
        var batch = new TrainingBatch([0], [0], [1, 2], 2, []);
        var view = View(layers, [1, 0]);

        var negative = new DynamicNegativeSampler(candidates: 2).Select(batch, view);

        // Pooled rows against user [1,0]: item1 (node 2) [0.5, 0.5] scores 0.5, item2 (node 3) [1, 0.5] scores 1.
        Assert.Equal(view.Final[3].data<float>().ToArray(), negative.Final.data<float>().ToArray());
        Assert.Equal([0f, 1f], negative.Ego.data<float>().ToArray());
    }

    [Theory]
    [InlineData(TripleSampling.Users)]
    [InlineData(TripleSampling.Edges)]
    public void UniformCandidatesAreNeverPositivesAndPositivesAlwaysAre(string triples)
    {
        var graph = TinyGraphs.Random(users: 30, items: 12, edges: 200, seed: 4);
        var sampler = new BprBatchSampler(graph, batchSize: 64, candidatesPerUser: 8, mixingLayers: 4, seed: 1, triples);

        int checkedCandidates = 0;
        for (int epoch = 1; epoch <= 5; epoch++)
        {
            foreach (var batch in sampler.Epoch(epoch))
            {
                for (int b = 0; b < batch.Size; b++)
                {
                    int user = (int)batch.Users[b];
                    Assert.True(graph.HasEdge(user, (int)batch.Positives[b]));
                    for (int m = 0; m < batch.CandidatesPerUser; m++, checkedCandidates++)
                    {
                        Assert.False(graph.HasEdge(user, (int)batch.Candidates[b * batch.CandidatesPerUser + m]));
                    }
                }
                Assert.All(batch.MixingWeights, a => Assert.InRange(a, 0f, 1f));
            }
        }
        Assert.Equal(5 * graph.EdgeCount * 8, checkedCandidates);
    }

    [Fact]
    public void EpochsAreReproducibleFromTheSeed()
    {
        var graph = TinyGraphs.Random(20, 10, 80, seed: 5);
        long[] Draw(int seed) => new BprBatchSampler(graph, 16, 2, 0, seed).Epoch(3).SelectMany(b => b.Candidates).ToArray();

        Assert.Equal(Draw(9), Draw(9));
        Assert.NotEqual(Draw(9), Draw(10));
    }

    [Fact]
    public void EdgeSamplingVisitsEveryTrainingEdgeOncePerEpochInAnEpochOwnOrder()
    {
        var graph = TinyGraphs.Random(users: 30, items: 12, edges: 200, seed: 4);
        var sampler = new BprBatchSampler(graph, batchSize: 64, candidatesPerUser: 1, mixingLayers: 0, seed: 1, TripleSampling.Edges);
        (long, long)[] Pairs(int epoch) =>
            sampler.Epoch(epoch).SelectMany(batch => batch.Users.Zip(batch.Positives)).ToArray();

        var expected = Enumerable.Range(0, graph.UserCount)
            .SelectMany(user => graph.ItemsOf(user).ToArray().Select(item => ((long)user, (long)item)))
            .Order().ToArray();
        Assert.Equal(expected, Pairs(1).Order().ToArray());
        Assert.Equal(expected, Pairs(2).Order().ToArray());
        Assert.NotEqual(Pairs(1), Pairs(2));
    }

    [Fact]
    public void UnknownTripleSamplingIsRefused()
    {
        var graph = TinyGraphs.Random(20, 10, 80, seed: 5);
        var error = Assert.Throws<ArgumentException>(() => new BprBatchSampler(graph, 16, 2, 0, seed: 1, triples: "items"));
        Assert.Contains("'items'", error.Message);
    }
}
