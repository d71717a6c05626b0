using LiveGraphRec.Training.Runtime;
using System.Runtime.InteropServices;
using LiveGraphRec.Core.Retrieval.Hashing;
using TorchSharp.Modules;

namespace LiveGraphRec.Training.Hashing;

/// <summary>
/// HashGNN's hash layer (Tan et al., WWW 2020) on the final embeddings: h = tanh(W z + b), code = sign(h).
/// sign has no useful gradient, so training uses the straight-through estimator (forward sign(h), backward as
/// if the identity) with the paper's fix: each component is replaced by its continuous value h with probability
/// <see cref="ContinuousRate"/>, so part of the signal reaches W exactly and training does not stall on the
/// STE's mismatch.
/// </summary>
public sealed class HashLayer : nn.Module
{
    private readonly Linear projection;

    /// <param name="generator">Draws the initial weights (as <c>nn.Linear</c> does, uniform in ±1/√inputDimension): a
    /// generator of the caller's, not libtorch's global one, which every trainer in the process shares.</param>
    public HashLayer(int inputDimension, int bits, double continuousRate, Device device, Generator? generator = null) : base(nameof(HashLayer))
    {
        if (bits < 64 || bits % 64 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "The code length must be a positive multiple of 64 bits.");
        }
        if (!(continuousRate >= 0 && continuousRate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(continuousRate), continuousRate, "The rate must be in [0, 1].");
        }
        Bits = bits;
        ContinuousRate = continuousRate;
        projection = nn.Linear(inputDimension, bits);
        using (no_grad())
        {
            double bound = 1 / Math.Sqrt(inputDimension);
            projection.weight!.uniform_(-bound, bound, generator);
            projection.bias!.uniform_(-bound, bound, generator);
        }
        projection.to(device);
        RegisterComponents();
    }

    public int Bits { get; }
    public double ContinuousRate { get; }

    /// <summary>The continuous codes h = tanh(W z + b) [rows, bits].</summary>
    public Tensor Relaxed(Tensor embeddings) => projection.forward(embeddings).tanh();

    /// <summary>
    /// Codes for training: sign(h) in the forward pass with the straight-through gradient, except the components
    /// drawn (Bernoulli(ContinuousRate), from <paramref name="generator"/>) to keep their continuous value h.
    /// </summary>
    public Tensor TrainingCodes(Tensor embeddings, Generator? generator)
    {
        Tensor h = Relaxed(embeddings);
        Tensor straightThrough = h.Plus(h.sign().sub(h).detach());
        if (ContinuousRate == 0)
        {
            return straightThrough;
        }
        using var draw = rand(h.shape, generator: generator, device: h.device);
        using Scalar rate = ContinuousRate.ToScalar();
        using var keepContinuous = draw.lt(rate);
        return where(keepContinuous, h, straightThrough);
    }

    /// <summary>Packed codes sign(h) of row-major [rows, d] embeddings, for retrieval.</summary>
    public BinaryCodes Encode(ReadOnlySpan<float> embeddings, int rows)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor z = tensor(embeddings.ToArray(), [rows, embeddings.Length / Math.Max(rows, 1)]).to(projection.weight.device);
        Tensor h = Relaxed(z).cpu().contiguous();
        return BinaryCodes.FromSigns(MemoryMarshal.Cast<byte, float>(h.bytes), rows, Bits);
    }
}
