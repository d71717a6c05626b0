using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Graph;

namespace LiveGraphRec.Benchmarks;

/// <summary>
/// The Gowalla training graph used for exclusions: read from the LightGCN-format file named by
/// <see cref="PathVariable"/> ("user item item ..." per line), or, without it, a seeded synthetic graph
/// of the same shape (29,858 users, 40,981 items, degrees 10–44, mean ≈ 27).
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
        var edges = new List<Interaction>();
        foreach (string line in File.ReadLines(path))
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (int i = 1; i < fields.Length; i++)
            {
                edges.Add(new Interaction(int.Parse(fields[0]), int.Parse(fields[i]), 0));
            }
        }
        int users = Math.Max(Users, edges.Max(e => e.User) + 1);
        int items = Math.Max(Items, edges.Max(e => e.Item) + 1);
        return BipartiteGraph.Build(users, items, [.. edges]);
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
