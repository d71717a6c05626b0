namespace LiveGraphRec.Training.Hosting;

/// <summary>What the training thread last reached; read by the heartbeat loop on another thread.</summary>
internal sealed class RunProgress
{
    private volatile Snapshot _current = new("snapshot", 0, null);

    public Snapshot Current => _current;

    public void Phase(string phase) => _current = _current with { Phase = phase };

    public void Epoch(int epoch, double loss) => _current = _current with { Epoch = epoch, Loss = loss };

    public sealed record Snapshot(string Phase, int Epoch, double? Loss);
}
