using LiveGraphRec.Client.Http.Models;
using LiveGraphRec.Core.Data;

namespace LiveGraphRec.Client.Load;

/// <summary>
/// What the load test sends: events on (user, item) pairs drawn uniformly from a data set's interactions
/// (so the graph grows where the model has its edges), or from uniform ids <c>u0..</c>, <c>i0..</c>;
/// recommendation requests for uniformly drawn users. Event ids are unique per run.
/// </summary>
public sealed class LoadWorkload
{
    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];
    private readonly IReadOnlyList<string> _users;
    private readonly IReadOnlyList<string> _items;
    private readonly (int User, int Item)[]? _pairs;
    private readonly Random _random;
    private long _posts;

    private LoadWorkload(IReadOnlyList<string> users, IReadOnlyList<string> items, (int User, int Item)[]? pairs, int seed)
    {
        _users = users;
        _items = items;
        _pairs = pairs;
        _random = new Random(seed);
    }

    public int UserCount => _users.Count;
    public int ItemCount => _items.Count;

    public static LoadWorkload Synthetic(int users, int items, int seed) =>
        new(Ids("u", users), Ids("i", items), null, seed);

    public static LoadWorkload FromDataset(Dataset dataset, int seed) =>
        new(dataset.Users.Ids, dataset.Items.Ids,
            [.. dataset.Train.Concat(dataset.Test).Select(interaction => (interaction.User, interaction.Item))], seed);

    /// <summary>
    /// The events of the next POST. Thread-safe. Ids number the POSTs of the whole workload, warm-up included: a
    /// measured event reusing a warm-up event's id would be, by the API's contract, that event again — dropped as a
    /// duplicate and missing from the applied count.
    /// </summary>
    public List<EventRecord> Events(int count)
    {
        var events = new List<EventRecord>(count);
        lock (_random)
        {
            long post = _posts++;
            for (int n = 0; n < count; n++)
            {
                var (user, item) = _pairs is { Length: > 0 } pairs
                    ? pairs[_random.Next(pairs.Length)]
                    : (_random.Next(_users.Count), _random.Next(_items.Count));
                events.Add(new EventRecord($"lt-{_runId}-{post}-{n}", _users[user], _items[item]));
            }
        }
        return events;
    }

    /// <summary>A user to ask recommendations for. Thread-safe.</summary>
    public string User()
    {
        lock (_random)
        {
            return _users[_random.Next(_users.Count)];
        }
    }

    private static string[] Ids(string prefix, int count) => Enumerable.Range(0, count).Select(n => $"{prefix}{n}").ToArray();
}
