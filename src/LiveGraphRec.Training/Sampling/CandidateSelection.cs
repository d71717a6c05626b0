using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveGraphRec.Training.Sampling;

/// <summary>
/// For every user of a batch, the candidate node whose row scores highest against the user's query row
/// (first one on ties, as argmax). On the CPU the dot products read the rows in place — gathering
/// [batch × candidates, d] copies per layer cost MixGCF about a third of a training step; elsewhere libtorch does it.
/// </summary>
internal static class CandidateSelection
{
    /// <param name="rows">Node rows [nodes, d], float32.</param>
    /// <param name="queries">One query row per user [batch, d].</param>
    /// <param name="candidateNodes">Node ids [batch, candidatesPerUser].</param>
    /// <returns>The chosen node id per user [batch], no autograd.</returns>
    public static Tensor Best(Tensor rows, Tensor queries, Tensor candidateNodes, int threads)
    {
        using var noGrad = no_grad();
        return rows.device_type == DeviceType.CPU
            ? BestOnCpu(rows, queries, candidateNodes, threads)
            : BestWithLibTorch(rows, queries, candidateNodes);
    }

    private static Tensor BestWithLibTorch(Tensor rows, Tensor queries, Tensor candidateNodes)
    {
        long batch = candidateNodes.shape[0], candidates = candidateNodes.shape[1], dim = rows.shape[1];
        using var gathered = rows.index_select(0, candidateNodes.flatten()).view(batch, candidates, dim);
        using var scores = gathered.mul(queries.view(batch, 1, dim)).sum(-1);
        using var index = scores.argmax(1, keepdim: true);
        using var chosen = candidateNodes.gather(1, index);
        return chosen.squeeze(1);
    }

    private static unsafe Tensor BestOnCpu(Tensor rows, Tensor queries, Tensor candidateNodes, int threads)
    {
        using var rowData = rows.detach().contiguous();
        using var queryData = queries.detach().contiguous();
        using var nodeData = candidateNodes.contiguous();
        int batch = (int)nodeData.shape[0], candidates = (int)nodeData.shape[1], dim = (int)rowData.shape[1];
        long rowLength = rowData.numel();
        // libtorch owns these buffers and none of them moves while the loop below runs.
        float* rowBase = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(rowData.bytes));
        float* queryBase = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(queryData.bytes));
        long* nodeBase = (long*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(nodeData.bytes));
        var best = new long[batch];
        Parallel.For(0, batch, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, b =>
        {
            var query = new ReadOnlySpan<float>(queryBase + (long)b * dim, dim);
            var nodes = new ReadOnlySpan<long>(nodeBase + (long)b * candidates, candidates);
            long chosen = nodes[0];
            float bestScore = float.NegativeInfinity;
            foreach (long node in nodes)
            {
                if ((ulong)((node + 1) * dim) > (ulong)rowLength)
                {
                    throw new ArgumentOutOfRangeException(nameof(candidateNodes), node, "Candidate node outside the row matrix.");
                }
                float score = TensorPrimitives.Dot(query, new ReadOnlySpan<float>(rowBase + node * dim, dim));
                if (score > bestScore)
                {
                    bestScore = score;
                    chosen = node;
                }
            }
            best[b] = chosen;
        });
        return tensor(best);
    }
}
