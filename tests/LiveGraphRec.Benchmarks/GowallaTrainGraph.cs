using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Graph;

namespace LiveGraphRec.Benchmarks;

/// <summary>
/// The Gowalla training graph: the LightGCN-format <c>train.txt</c> named by <see cref="PathVariable"/>
/// (read with the core loader), or, without it, a seeded synthetic graph of the same shape
/// (29,858 users, 40,981 items, degrees 10–44, mean ≈ 27).
/// </summary>
internal static class GowallaTrainGraph
{
    public const string PathVariable = "LIVEGRAPHREC_GOWALLA_TRAIN";
    public const int Users = 29_858;
    public const int Items = 40_981;

    public static BipartiteGraph Load(out string source)
    {
        string? path = Environment.GetEnvironmentVariable(PathVariable);
        if (string.IsNullOrEmpty(path))
        {
            source = "synthetic (Gowalla shape)";
            return Synthesize();
        }
        source = path;
        Dataset gowalla = DatasetLoader.Load(Path.GetDirectoryName(Path.GetFullPath(path))!, DatasetLoadOptions.Default);
        return BipartiteGraph.Build(gowalla.UserCount, gowalla.ItemCount, gowalla.Train);
    }

    private static BipartiteGraph Synthesize()
    {
        var random = new Random(2020);
        var edges = new List<Interaction>();
        for (int user = 0; user < Users; user++)
        {
            int degree = random.Next(10, 45);
            for (int i = 0; i < degree; i++)
            {
                edges.Add(new Interaction(user, random.Next(Items), 0));
            }
        }
        return BipartiteGraph.Build(Users, Items, [.. edges]);
    }
}
