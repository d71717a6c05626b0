using System.Numerics.Tensors;

namespace LiveGraphRec.Core.Propagation;

/// <summary>
/// What a node's neighbours hold of its contribution, so that the node can correct them whenever it
/// chooses — after every new edge, or coalesced once per period: the correction for a neighbour is the
/// node's contribution now minus what that neighbour was last given. Corrections add up (telescope), so
/// a neighbour that receives every one holds the node's current contribution.
/// </summary>
/// <typeparam name="TNeighbour">The neighbour's identity.</typeparam>
/// <param name="announced">The contribution all current neighbours hold (the node's contribution when tracking starts).</param>
public sealed class CorrectionTracker<TNeighbour>(float[] announced) where TNeighbour : notnull
{
    private readonly Dictionary<TNeighbour, float[]> _handed = [];
    private float[] _announced = announced;
    // The correction every neighbour holding the announced contribution needs, for the current it was made for.
    private (float[] Current, float[] Correction)? _common;

    /// <summary>True once a new neighbour has been linked since the last announcement.</summary>
    public bool HasPending => _handed.Count > 0;

    /// <summary>Whether <paramref name="neighbour"/> linked this node since the last announcement.</summary>
    public bool WasHanded(TNeighbour neighbour) => _handed.ContainsKey(neighbour);

    /// <summary>Records the contribution a new neighbour received when it linked this node.</summary>
    public void RecordHanded(TNeighbour neighbour, float[] contribution) => _handed[neighbour] = contribution;

    /// <summary>
    /// What <paramref name="neighbour"/> must add to its aggregates to hold <paramref name="current"/>. Read-only: the
    /// neighbours that hold the announced contribution get one shared array per <paramref name="current"/> array.
    /// </summary>
    public float[] CorrectionFor(TNeighbour neighbour, float[] current)
    {
        if (_handed.TryGetValue(neighbour, out float[]? handed))
        {
            return Difference(current, handed);
        }
        if (_common is not { } common || !ReferenceEquals(common.Current, current))
        {
            _common = common = (current, Difference(current, _announced));
        }
        return common.Correction;
    }

    /// <summary>
    /// Whether <paramref name="current"/> is further than <paramref name="relative"/> × ‖announced‖ (L2) from the
    /// contribution last announced — always true at 0, and for a node that had announced nothing (a zero contribution).
    /// </summary>
    public bool MovedBeyond(ReadOnlySpan<float> current, double relative)
    {
        if (relative <= 0)
        {
            return true;
        }
        float announced = TensorPrimitives.Norm(_announced);
        return announced == 0 || TensorPrimitives.Distance(current, _announced) > relative * announced;
    }

    private static float[] Difference(ReadOnlySpan<float> current, ReadOnlySpan<float> held)
    {
        var correction = new float[held.Length];
        TensorPrimitives.Subtract(current, held, correction);
        return correction;
    }

    /// <summary>
    /// Starts a new round after the corrections for <paramref name="current"/> went out (or after a publish
    /// made earlier contributions irrelevant). Neighbours that were not sent one keep an older contribution.
    /// </summary>
    public void Announced(float[] current)
    {
        _announced = current;
        _handed.Clear();
        _common = null;
    }
}
