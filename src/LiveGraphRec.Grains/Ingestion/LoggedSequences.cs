namespace LiveGraphRec.Grains.Ingestion;

/// <summary>
/// The interaction log sequences of the events a partition grain appended most recently (bounded, oldest forgotten
/// first), so a delivery the pulling agent retries after a failure reuses them instead of logging its events again.
/// </summary>
internal sealed class LoggedSequences(int capacity)
{
    private readonly Dictionary<string, long> _sequences = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool TryGet(string eventId, out long sequence) => _sequences.TryGetValue(eventId, out sequence);

    public void Record(string eventId, long sequence)
    {
        if (!_sequences.TryAdd(eventId, sequence))
        {
            return;
        }
        _order.Enqueue(eventId);
        if (_order.Count > capacity)
        {
            _sequences.Remove(_order.Dequeue());
        }
    }
}
