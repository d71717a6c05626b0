namespace LiveGraphRec.Training.Sampling;

/// <summary>Tensors built in a loop and released together when the step no longer needs them.</summary>
internal sealed class DisposableList(int capacity) : List<Tensor>(capacity), IDisposable
{
    public void Dispose()
    {
        foreach (Tensor t in this)
        {
            t.Dispose();
        }
        Clear();
    }
}
