using LiveGraphRec.Grains.Training;
using Microsoft.Extensions.DependencyInjection;

namespace LiveGraphRec.Training.Hosting;

public static class TrainingServiceCollectionExtensions
{
    /// <summary>
    /// The training worker the trainer grain posts to (as <see cref="ITrainingQueue"/>) with what a run needs:
    /// the model store, the runner and the trainer metrics. The interaction log is the host's choice.
    /// </summary>
    public static IServiceCollection AddTrainingWorker(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<IValidateOptions<TrainerOptions>, TrainerOptionsChecks>();
        services.AddSingleton<ModelStore>();
        services.AddSingleton<TrainerMetrics>();
        services.AddSingleton<TrainingRunner>();
        services.AddSingleton<TrainingWorker>();
        services.AddSingleton<ITrainingQueue>(provider => provider.GetRequiredService<TrainingWorker>());
        services.AddHostedService(provider => provider.GetRequiredService<TrainingWorker>());
        return services;
    }
}
