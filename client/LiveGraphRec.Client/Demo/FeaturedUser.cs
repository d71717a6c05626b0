using LiveGraphRec.Core.Data;

namespace LiveGraphRec.Client.Demo;

/// <summary>Chooses the user the demo follows through the replay.</summary>
internal static class FeaturedUser
{
    private const int MinHistory = 5, MinSteps = 3, MaxSteps = 12;

    /// <summary>
    /// A user the model knows (at least <see cref="MinHistory"/> training events) with a handful of held-out
    /// events, so the timeline has several steps without flooding the screen; the most active such user,
    /// else simply the user with the most held-out events.
    /// </summary>
    public static int Pick(Dataset split)
    {
        if (split.Test.Length == 0)
        {
            throw new InvalidOperationException("The split has no held-out events to replay.");
        }
        int[] history = Counts(split.Train, split.UserCount);
        int[] heldOut = Counts(split.Test, split.UserCount);
        int[] users = [.. Enumerable.Range(0, split.UserCount)];
        int[] suitable = [.. users.Where(u => history[u] >= MinHistory && heldOut[u] is >= MinSteps and <= MaxSteps)];
        return (suitable.Length > 0 ? suitable : users)
            .OrderByDescending(u => heldOut[u]).ThenByDescending(u => history[u]).ThenBy(u => u).First();
    }

    private static int[] Counts(Interaction[] interactions, int users)
    {
        var counts = new int[users];
        foreach (Interaction interaction in interactions)
        {
            counts[interaction.User]++;
        }
        return counts;
    }
}
