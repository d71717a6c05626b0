namespace LiveGraphRec.Grains.Tests;

internal static class Interactions
{
    public static InteractionEvent Event(string user, string item, string? eventId = null) =>
        new(eventId ?? $"{user}-{item}-{Guid.NewGuid():N}", user, item, InteractionKind.Click, 1f, DateTimeOffset.UtcNow);

    public static async Task ApplyAllAsync(IGrainFactory grains, string user, IEnumerable<string> items)
    {
        foreach (string item in items)
        {
            Assert.True(await grains.GetGrain<IUserGrain>(user).ApplyInteractionAsync(Event(user, item)));
        }
    }
}
