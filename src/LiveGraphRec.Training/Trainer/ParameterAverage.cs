using TorchSharp.Modules;

namespace LiveGraphRec.Training.Trainer;

/// <summary>
/// Exponential moving average of the trainable tensors (Polyak averaging): after every optimizer step
/// a ← β·a + (1 − β)·θ, starting from the initial θ (so no bias correction is needed). At BPR's plateau the last
/// iterate carries the noise of its latest mini-batches; the average over the last ~1/(1 − β) steps does not.
/// Not in the LightGCN or MixGCF papers, hence off unless asked for.
/// </summary>
internal sealed class ParameterAverage : IDisposable
{
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly Tensor[] _averages;
    private readonly Scalar _keep;
    private readonly Scalar _take;

    public ParameterAverage(IReadOnlyList<Parameter> parameters, double decay)
    {
        if (!(decay > 0 && decay < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "The averaging decay must be in (0, 1).");
        }
        _parameters = parameters;
        using (no_grad())
        {
            _averages = [.. parameters.Select(parameter => parameter.detach().clone().DetachFromDisposeScope())];
        }
        _keep = decay.ToScalar();
        _take = (1 - decay).ToScalar();
    }

    /// <summary>The averages, in the order of the parameters (checkpointed beside them).</summary>
    public IReadOnlyList<Tensor> Averages => _averages;

    public void Update()
    {
        using var noGrad = no_grad();
        for (int i = 0; i < _averages.Length; i++)
        {
            // Two passes rather than lerp_: TorchSharp 0.107's lerp_ with a Scalar weight throws ("Should not be called").
            _averages[i].mul_(_keep).add_(_parameters[i], _take);
        }
    }

    /// <summary>Puts the averages in the parameters' place until disposed (to evaluate or export the averaged model).</summary>
    public IDisposable SwappedIn() => new Swap(this);

    public void Dispose()
    {
        foreach (Tensor average in _averages)
        {
            average.Dispose();
        }
        _keep.Dispose();
        _take.Dispose();
    }

    private sealed class Swap : IDisposable
    {
        private readonly ParameterAverage _owner;
        private readonly Tensor[] _iterates;

        public Swap(ParameterAverage owner)
        {
            _owner = owner;
            using var noGrad = no_grad();
            _iterates = [.. owner._parameters.Select(parameter => parameter.detach().clone().DetachFromDisposeScope())];
            for (int i = 0; i < _iterates.Length; i++)
            {
                owner._parameters[i].copy_(owner._averages[i]);
            }
        }

        public void Dispose()
        {
            using var noGrad = no_grad();
            for (int i = 0; i < _iterates.Length; i++)
            {
                _owner._parameters[i].copy_(_iterates[i]);
                _iterates[i].Dispose();
            }
        }
    }
}
