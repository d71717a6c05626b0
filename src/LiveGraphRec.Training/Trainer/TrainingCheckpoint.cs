using LiveGraphRec.Core.IO;

namespace LiveGraphRec.Training.Trainer;

/// <summary>
/// Everything a later process needs to continue a run: every trainable tensor (ego embeddings, layer weights,
/// mask logits, hash layer), the optimizer's moments, the
/// epoch reached and the early-stopping state. Batches are drawn from per-epoch seeds, so a resumed run
/// samples exactly what an uninterrupted one would. Written atomically after every epoch.
/// </summary>
public sealed record TrainingCheckpoint(string Fingerprint, int Epoch, int BestEpoch, double BestRecall, int EvaluationsWithoutImprovement)
{
    private const string Magic = "LGRCKPT";
    private const int FormatVersion = 2;

    public static void Write(string path, TrainingCheckpoint state, IReadOnlyList<Tensor> parameters, optim.Optimizer optimizer)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(state.Fingerprint);
            writer.Write(state.Epoch);
            writer.Write(state.BestEpoch);
            writer.Write(state.BestRecall);
            writer.Write(state.EvaluationsWithoutImprovement);
            writer.Write(parameters.Count);
            foreach (Tensor parameter in parameters)
            {
                parameter.Save(writer);
            }
            ((TorchSharp.Modules.OptimizerHelper)optimizer).save_state_dict(writer);
        });
    }

    /// <summary>
    /// Reads the checkpoint into <paramref name="parameters"/> and <paramref name="optimizer"/>, after checking it belongs
    /// to this run: <paramref name="fingerprintThrough"/> gives this run's settings for the epochs the checkpoint has done.
    /// </summary>
    public static TrainingCheckpoint Read(string path, Func<int, string> fingerprintThrough, IReadOnlyList<Tensor> parameters, optim.Optimizer optimizer)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        try
        {
            if (reader.ReadString() != Magic || reader.ReadInt32() != FormatVersion)
            {
                throw new InvalidDataException($"{path}: not a LiveGraphRec training checkpoint (version {FormatVersion}).");
            }
            var state = new TrainingCheckpoint(reader.ReadString(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadDouble(), reader.ReadInt32());
            string expectedFingerprint = fingerprintThrough(state.Epoch);
            if (state.Fingerprint != expectedFingerprint)
            {
                throw new InvalidDataException($"{path}: the checkpoint was made with other settings ({state.Fingerprint}); " +
                    $"this run has {expectedFingerprint}. Resume with the same settings or start a new run.");
            }
            int count = reader.ReadInt32();
            if (count != parameters.Count)
            {
                throw new InvalidDataException($"{path}: {count} saved tensors, but this model has {parameters.Count}.");
            }
            using (no_grad())
            {
                foreach (Tensor parameter in parameters)
                {
                    using var saved = Tensor.Load(reader);
                    if (!saved.shape.SequenceEqual(parameter.shape))
                    {
                        throw new InvalidDataException($"{path}: a saved tensor of shape [{string.Join(", ", saved.shape)}] does not fit [{string.Join(", ", parameter.shape)}] (another graph?).");
                    }
                    parameter.copy_(saved);
                }
            }
            ((TorchSharp.Modules.OptimizerHelper)optimizer).load_state_dict(reader);
            return state;
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: the checkpoint is truncated.");
        }
    }
}
