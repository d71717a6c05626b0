namespace LiveGraphRec.Core.Synthetic;

/// <summary>
/// Samples index i with probability weights[i] / Σ weights in O(1) (Vose's alias method): one uniform column,
/// then one biased coin between the column and its alias.
/// </summary>
internal sealed class AliasTable
{
    private readonly double[] _keepProbability;
    private readonly int[] _alias;

    public AliasTable(ReadOnlySpan<double> weights)
    {
        int n = weights.Length;
        if (n == 0)
        {
            throw new ArgumentException("An alias table needs at least one weight.", nameof(weights));
        }
        double total = 0;
        foreach (double w in weights)
        {
            total += w;
        }
        _keepProbability = new double[n];
        _alias = new int[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (int i = 0; i < n; i++)
        {
            _keepProbability[i] = weights[i] * n / total;
            (_keepProbability[i] < 1 ? small : large).Push(i);
        }
        // Each short column is topped up to 1 by one tall column, which shrinks by as much.
        while (small.Count > 0 && large.Count > 0)
        {
            int low = small.Pop();
            int high = large.Pop();
            _alias[low] = high;
            _keepProbability[high] -= 1 - _keepProbability[low];
            (_keepProbability[high] < 1 ? small : large).Push(high);
        }
        // What is left is 1 up to rounding error.
        foreach (int i in small.Concat(large))
        {
            _keepProbability[i] = 1;
        }
    }

    public int Sample(Random random)
    {
        int column = random.Next(_keepProbability.Length);
        return random.NextDouble() < _keepProbability[column] ? column : _alias[column];
    }
}
