using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Grains.Training;

namespace LiveGraphRec.Training.Hosting;

/// <summary>
/// The training graph of one run: a prefix of the interaction log (sequences 1..<see cref="Events"/>) split by
/// log order into the training part (1..<see cref="Cut"/>) and the newest events held out for validation —
/// the new user–item pairs among them whose user and item the training part knows.
/// </summary>
/// <param name="Cut">The last log sequence in the training graph: the consistent cut recorded with the model.</param>
public sealed record TrainingSnapshot(IdMap Users, IdMap Items, SplitGraphs Graphs, long Cut, long Events)
{
    public static TrainingSnapshot Build(IReadOnlyList<LoggedInteraction> log, double validationFraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(validationFraction);
        int trainCount = log.Count - (int)(log.Count * validationFraction);
        var users = new IdMap();
        var items = new IdMap();
        var train = new Interaction[trainCount];
        for (int n = 0; n < trainCount; n++)
        {
            LoggedInteraction entry = log[n];
            train[n] = new Interaction(users.GetOrAdd(entry.UserId), items.GetOrAdd(entry.ItemId), entry.Timestamp.ToUnixTimeSeconds(), entry.Weight);
        }
        var trainGraph = BipartiteGraph.Build(users.Count, items.Count, train);
        var heldOut = new List<Interaction>();
        for (int n = trainCount; n < log.Count; n++)
        {
            LoggedInteraction entry = log[n];
            if (users.TryGetIndex(entry.UserId, out int user) && items.TryGetIndex(entry.ItemId, out int item) && !trainGraph.HasEdge(user, item))
            {
                heldOut.Add(new Interaction(user, item, entry.Timestamp.ToUnixTimeSeconds(), entry.Weight));
            }
        }
        var validation = BipartiteGraph.Build(users.Count, items.Count, heldOut.ToArray());
        return new TrainingSnapshot(users, items, new SplitGraphs(trainGraph, validation), trainCount, log.Count);
    }
}
