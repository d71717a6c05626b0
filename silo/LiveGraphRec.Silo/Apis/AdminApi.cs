using System.Text.Json;
using LiveGraphRec.Grains.Publishing;
using LiveGraphRec.Grains.Training;

namespace LiveGraphRec.Silo.Apis;

public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/v1/admin").RequireApiKey();
        api.MapPost("/embeddings", PublishEmbeddingsAsync);
        api.MapPost("/train", TrainAsync);
        api.MapGet("/training", GetTrainingAsync);
        return api;
    }

    /// <summary>Starts a training run now: 202 with its id, or 409 naming the run in progress.</summary>
    public static async Task<Results<Accepted<TrainingRequestResult>, Conflict<TrainingRequestResult>, ProblemHttpResult>> TrainAsync(
        IGrainFactory grains, IOptions<TrainerOptions> options)
    {
        if (!options.Value.Enabled)
        {
            return TrainerDisabled();
        }
        TrainingRequestResult result = await grains.GetGrain<ITrainerGrain>(ITrainerGrain.Singleton).RequestRunAsync("api");
        return result.Accepted ? TypedResults.Accepted("/v1/admin/training", result) : TypedResults.Conflict(result);
    }

    /// <summary>The trainer's state, current and last run (duration, epochs, validation), published version and next run.</summary>
    public static async Task<Results<Ok<TrainingStatus>, ProblemHttpResult>> GetTrainingAsync(IGrainFactory grains, IOptions<TrainerOptions> options)
    {
        if (!options.Value.Enabled)
        {
            return TrainerDisabled();
        }
        return TypedResults.Ok(await grains.GetGrain<ITrainerGrain>(ITrainerGrain.Singleton).GetStatusAsync());
    }

    private static ProblemHttpResult TrainerDisabled() => TypedResults.Problem(
        $"The trainer is disabled ({TrainerOptions.Section}:Enabled=false).", statusCode: StatusCodes.Status404NotFound, title: "Trainer disabled");

    /// <param name="Path">An embedding file readable by this silo.</param>
    public sealed record PublishEmbeddingsRequest(string? Path);

    /// <summary>Publishes an embedding file to the grains; older versions are ignored by every node.</summary>
    /// <remarks>Reads the body itself so that the API key is checked before anything of the body is.</remarks>
    public static async Task<Results<Ok<PublishReport>, ValidationProblem>> PublishEmbeddingsAsync(
        HttpRequest http, EmbeddingPublisher publisher, CancellationToken cancellationToken)
    {
        PublishEmbeddingsRequest? request;
        try
        {
            request = await http.ReadFromJsonAsync<PublishEmbeddingsRequest>(cancellationToken);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"must be JSON {{\"path\": FILE}}: {e.Message}"] });
        }
        if (string.IsNullOrWhiteSpace(request?.Path))
        {
            return Invalid("is required");
        }
        if (!File.Exists(request.Path))
        {
            return Invalid($"no file at '{request.Path}'");
        }
        try
        {
            return TypedResults.Ok(await publisher.PublishFileAsync(request.Path, cancellationToken));
        }
        catch (InvalidDataException e)
        {
            return Invalid(e.Message);
        }
    }

    private static ValidationProblem Invalid(string problem) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["path"] = [problem] });
}
