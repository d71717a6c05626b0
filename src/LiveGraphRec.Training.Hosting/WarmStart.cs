using LiveGraphRec.Core.Data;

namespace LiveGraphRec.Training.Hosting;

/// <summary>
/// The E⁰ a run starts from: the serving model's rows for the nodes it knows, the online fold-in embedding
/// (the grain's current final embedding) for a node it does not, and a small random vector (LightGCN's
/// N(0, 0.1²) initialization) for a node with neither.
/// </summary>
public sealed record WarmStart(float[] Ego, int FromModel, int FromFoldIn, int Random)
{
    /// <param name="foldIns">Online embeddings of the snapshot's nodes the serving model lacks, by id.</param>
    public static WarmStart Build(TrainingSnapshot snapshot, ServingModel serving, IReadOnlyDictionary<string, float[]> userFoldIns,
        IReadOnlyDictionary<string, float[]> itemFoldIns, int dimension, int seed)
    {
        var ego = new float[(snapshot.Users.Count + snapshot.Items.Count) * dimension];
        var random = new Random(seed);
        int fromModel = 0, fromFoldIn = 0, fromRandom = 0;
        void Fill(IdMap ids, int firstRow, IdMap servingIds, float[] servingVectors, IReadOnlyDictionary<string, float[]> foldIns)
        {
            for (int n = 0; n < ids.Count; n++)
            {
                Span<float> row = ego.AsSpan((firstRow + n) * dimension, dimension);
                if (servingIds.TryGetIndex(ids[n], out int s))
                {
                    servingVectors.AsSpan(s * dimension, dimension).CopyTo(row);
                    fromModel++;
                }
                else if (foldIns.TryGetValue(ids[n], out float[]? online) && online.Length == dimension && online.Any(v => v != 0))
                {
                    online.CopyTo(row);
                    fromFoldIn++;
                }
                else
                {
                    for (int d = 0; d < dimension; d++)
                    {
                        row[d] = (float)(0.1 * Gaussian(random));
                    }
                    fromRandom++;
                }
            }
        }
        Fill(snapshot.Users, 0, serving.Ego.Users, serving.Ego.UserVectors, userFoldIns);
        Fill(snapshot.Items, snapshot.Users.Count, serving.Ego.Items, serving.Ego.ItemVectors, itemFoldIns);
        return new WarmStart(ego, fromModel, fromFoldIn, fromRandom);
    }

    /// <summary>The snapshot's ids the serving model lacks: whose fold-in embeddings to fetch.</summary>
    public static IReadOnlyList<string> Unknown(IdMap ids, IdMap servingIds) =>
        ids.Ids.Where(id => !servingIds.TryGetIndex(id, out _)).ToList();

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
