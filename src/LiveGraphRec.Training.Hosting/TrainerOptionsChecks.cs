using LiveGraphRec.Grains;
using LiveGraphRec.Grains.Training;
using LiveGraphRec.Training.Models;
using LiveGraphRec.Training.Sampling;
using LiveGraphRec.Training.Trainer;

namespace LiveGraphRec.Training.Hosting;

/// <summary>
/// The trainer settings as a <see cref="TrainingOptions"/> of the serving shape, and the checks only the
/// training side can make (model and sampler names), run at start beside <see cref="TrainerOptionsValidator"/>.
/// </summary>
public sealed class TrainerOptionsChecks : IValidateOptions<TrainerOptions>
{
    public static TrainingOptions ToTrainingOptions(TrainerOptions trainer, GraphOptions graph) => new()
    {
        Model = trainer.Model,
        Dimension = graph.Dimension,
        Layers = graph.Layers,
        Sampler = trainer.Sampler,
        Candidates = trainer.Candidates,
        Negatives = trainer.Negatives,
        Epochs = trainer.Epochs,
        BatchSize = trainer.BatchSize,
        LearningRate = trainer.LearningRate,
        Decay = trainer.Decay,
        EvaluateEvery = 1,
        Patience = trainer.Patience,
        Ks = [trainer.ValidationK],
        Seed = trainer.Seed,
        Threads = trainer.Threads,
        Device = trainer.Device,
    };

    public ValidateOptionsResult Validate(string? name, TrainerOptions options)
    {
        var failures = new List<string>();
        if (!ModelNames.All.Contains(options.Model))
        {
            failures.Add($"{TrainerOptions.Section}:Model '{options.Model}' is unknown; expected one of {string.Join(", ", ModelNames.All)}.");
        }
        if (!NegativeSamplers.All.Contains(options.Sampler))
        {
            failures.Add($"{TrainerOptions.Section}:Sampler '{options.Sampler}' is unknown; expected one of {string.Join(", ", NegativeSamplers.All)}.");
        }
        if (options.Negatives > 1 && options.Sampler == NegativeSamplers.PinSage)
        {
            failures.Add($"{TrainerOptions.Section}:Negatives must be 1 with the pinsage sampler, which sets its own hard negatives (got {options.Negatives}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
