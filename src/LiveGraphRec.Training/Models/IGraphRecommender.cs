using TorchSharp.Modules;

namespace LiveGraphRec.Training.Models;

/// <summary>
/// A graph recommender trained with BPR: ego embeddings for every node (users first, then items) and a
/// propagation that returns one representation per layer, which samplers such as MixGCF mix.
/// </summary>
public interface IGraphRecommender : IDisposable
{
    int UserCount { get; }
    int ItemCount { get; }
    /// <summary>Width of the pooled (final) embedding.</summary>
    int Dimension { get; }
    /// <summary>The trainable node embeddings E⁰ [users + items, d].</summary>
    Parameter Ego { get; }
    IEnumerable<Parameter> TrainableParameters { get; }

    /// <summary>Per-layer representations [layers + 1] of shape [users + items, d_layer], with autograd.</summary>
    IReadOnlyList<Tensor> PropagateLayers();

    /// <summary>Pools per-layer rows (stacked on dimension 1: [rows, layers + 1, d]) into final embeddings.</summary>
    Tensor Pool(Tensor stackedLayers);

    /// <summary>The final embeddings of every node from <see cref="PropagateLayers"/>'s output.</summary>
    Tensor Final(IReadOnlyList<Tensor> layers);

    /// <summary>Sets train or eval mode (message dropout and similar).</summary>
    void SetTraining(bool training);

    /// <summary>
    /// Restarts the random draws the model makes inside a training step (e.g. message dropout) from
    /// <paramref name="seed"/>. The trainer calls it per batch, so a resumed run draws what an uninterrupted one would.
    /// </summary>
    void SeedStepDraws(int seed);
}
