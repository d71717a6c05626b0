using LiveGraphRec.Training.Sampling;
using static TorchSharp.torch;

namespace LiveGraphRec.Training.Tests;

public sealed class PinSageSamplerTests
{
    [Fact]
    public void EpochNAddsNMinusOneHardNegativesFromTheUsersBandAndSharesEasyOnes()
    {
        var graphs = TinyGraphs.Synthetic();
        var train = graphs.Train;
        var options = new HardNegativeOptions(Walks: 300, BandStart: 0.1, BandEnd: 0.4, MaxPerUser: 3, PoolSize: 16);
        var sampler = new PinSageNegativeSampler(train, sharedPerBatch: 5, options, seed: 1);
        int nodes = train.UserCount + train.ItemCount;
        // Row r of the embeddings is [r, 0] so the chosen node ids can be read back.
        using var rows = stack([arange(nodes, dtype: float32), zeros(nodes)], 1);
        var view = new ModelView([rows], rows, rows[..2], train.UserCount, r => r.mean([1]));
        var batch = new TrainingBatch([0, 1], [train.ItemsOf(0)[0], train.ItemsOf(1)[0]], [7, 9], 1, []);

        foreach (int epoch in new[] { 1, 3, 9 })
        {
            NegativeEmbeddings negatives = sampler.Select(batch with { Epoch = epoch }, view);

            int hard = Math.Min(epoch - 1, 3);
            int[] chosen = [.. negatives.Final.select(1, 0).data<float>().ToArray().Select(v => (int)v - train.UserCount)];
            Assert.Equal(2 * (1 + hard), chosen.Length);
            Assert.Equal(5, negatives.SharedFinal!.shape[0]);
            for (int user = 0; user < 2; user++)
            {
                Assert.Equal(user == 0 ? 7 : 9, chosen[user * (1 + hard)]);
                int[] pool = sampler.Pool(user);
                Assert.NotEmpty(pool);
                for (int h = 1; h <= hard; h++)
                {
                    int item = chosen[user * (1 + hard) + h];
                    Assert.Contains(item, pool);
                    Assert.False(train.HasEdge(user, item), "a hard negative must not be a training positive");
                }
            }
        }
    }
}
