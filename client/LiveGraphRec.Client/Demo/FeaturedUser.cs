using LiveGraphRec.Core.Data;

namespace LiveGraphRec.Client.Demo;

/// <summary>Chooses the user the demo follows through the replay.</summary>
internal static class FeaturedUser
{
    private const int MinHistory = 5, MaxSteps = 12;

    /// <summary>
    /// A user the model knows (at least <see cref="MinHistory"/> training events) who acts in the most replay
    /// batches (up to <see cref="MaxSteps"/>), so the timeline shows several separate steps — a MovieLens user
    /// often rates a dozen films in one sitting, which is one batch and one step; else simply the user with the
    /// most held-out events.
    /// </summary>
    /// <param name="batchEvents">Events per replayed batch.</param>
    public static int Pick(Dataset split, int batchEvents)
    {
        if (split.Test.Length == 0)
        {
            throw new InvalidOperationException("The split has no held-out events to replay.");
        }
        var history = new int[split.UserCount];
        foreach (Interaction interaction in split.Train)
        {
            history[interaction.User]++;
        }
        var steps = new int[split.UserCount];
        var lastBatch = new int[split.UserCount];
        Array.Fill(lastBatch, -1);
        for (int position = 0; position < split.Test.Length; position++)
        {
            int user = split.Test[position].User, batch = position / batchEvents;
            if (lastBatch[user] != batch)
            {
                lastBatch[user] = batch;
                steps[user]++;
            }
        }
        int[] users = [.. Enumerable.Range(0, split.UserCount)];
        int[] suitable = [.. users.Where(u => history[u] >= MinHistory && steps[u] is > 1 and <= MaxSteps)];
        return (suitable.Length > 0 ? suitable : users)
            .OrderByDescending(u => steps[u]).ThenByDescending(u => history[u]).ThenBy(u => u).First();
    }
}
