using System.Text.Json;
using LiveGraphRec.Grains;
using LiveGraphRec.Grains.Ingestion;
using LiveGraphRec.Grains.Publishing;
using LiveGraphRec.Grains.Training;
using LiveGraphRec.Silo.Ingestion;
using LiveGraphRec.Silo.Options;

namespace LiveGraphRec.Silo.Apis;

public static class AdminApi
{
    /// <summary>The most users plus items one publish batch may carry.</summary>
    public const int MaxPublishNodes = 10_000;

    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/v1/admin").RequireApiKey();
        api.MapPost("/embeddings", PublishEmbeddingsAsync);
        api.MapPost("/train", TrainAsync);
        api.MapGet("/training", GetTrainingAsync);
        api.MapGet("/ingestion", (ApplyProgress progress) => TypedResults.Ok(progress.Report()));
        api.MapPost("/ingestion/reset", (ApplyProgress progress) =>
        {
            progress.Reset();
            return TypedResults.Ok(progress.Report());
        });
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

    /// <param name="Path">An embedding file readable by this silo; or, instead, one batch of vectors:</param>
    /// <param name="Model">The model's name (for the report).</param>
    /// <param name="Version">The publish version of every vector in the batch.</param>
    public sealed record PublishEmbeddingsRequest(
        string? Path,
        string? Model = null,
        long? Version = null,
        IReadOnlyList<NodeVector?>? Items = null,
        IReadOnlyList<NodeVector?>? Users = null);

    /// <summary>
    /// Publishes an embedding file on the silo (<c>{"path"}</c>) or one batch of vectors sent by a client
    /// (<c>{"model", "version", "items": [{"id", "vector"}], "users": [...]}</c>, what <c>lgr publish</c> sends);
    /// every node ignores versions not newer than its own.
    /// </summary>
    /// <remarks>Reads the body itself so that the API key is checked before anything of the body is.</remarks>
    public static async Task<Results<Ok<PublishReport>, ValidationProblem>> PublishEmbeddingsAsync(
        HttpRequest http, EmbeddingPublisher publisher, IOptions<GraphOptions> graph, IOptions<IngestionOptions> ingestion,
        CancellationToken cancellationToken)
    {
        PublishEmbeddingsRequest? request;
        try
        {
            request = await http.ReadFromJsonAsync<PublishEmbeddingsRequest>(cancellationToken);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Invalid("body", $"must be JSON {{\"path\": FILE}} or {{\"version\", \"items\", \"users\"}}: {e.Message}");
        }
        if (request is { Path: null } && (request.Items is not null || request.Users is not null))
        {
            return await PublishBatchAsync(request, publisher, graph.Value.Dimension, ingestion.Value.MaxIdLength, cancellationToken);
        }
        if (string.IsNullOrWhiteSpace(request?.Path))
        {
            return Invalid("path", "is required (or send a batch: version, items, users)");
        }
        if (!File.Exists(request.Path))
        {
            return Invalid("path", $"no file at '{request.Path}'");
        }
        try
        {
            return TypedResults.Ok(await publisher.PublishFileAsync(request.Path, cancellationToken));
        }
        catch (InvalidDataException e)
        {
            return Invalid("path", e.Message);
        }
    }

    private static async Task<Results<Ok<PublishReport>, ValidationProblem>> PublishBatchAsync(PublishEmbeddingsRequest request,
        EmbeddingPublisher publisher, int dimension, int maxIdLength, CancellationToken cancellationToken)
    {
        IReadOnlyList<NodeVector?> items = request.Items ?? [], users = request.Users ?? [];
        var errors = new Dictionary<string, string[]>();
        if (request.Version is not > 0)
        {
            errors["version"] = ["is required: a positive integer"];
        }
        if (items.Count + users.Count > MaxPublishNodes)
        {
            errors["body"] = [$"holds {items.Count + users.Count:N0} vectors; the limit is {MaxPublishNodes:N0} per request"];
        }
        CheckNodes(items, "items", dimension, maxIdLength, errors);
        CheckNodes(users, "users", dimension, maxIdLength, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "The batch was rejected as a whole; nothing was published.");
        }
        return TypedResults.Ok(await publisher.PublishAsync(request.Model ?? "unnamed", request.Version!.Value,
            items.Select(node => node!).ToList(), users.Select(node => node!).ToList(), cancellationToken));
    }

    private static void CheckNodes(IReadOnlyList<NodeVector?> nodes, string field, int dimension, int maxIdLength,
        Dictionary<string, string[]> errors)
    {
        for (int index = 0; index < nodes.Count && errors.Count < 20; index++)
        {
            string prefix = $"{field}[{index}]";
            if (nodes[index] is not { } node)
            {
                errors[prefix] = ["must be an object {id, vector}"];
                continue;
            }
            if (IdRules.Check(node.Id, maxIdLength) is { } problem)
            {
                errors[$"{prefix}.id"] = [problem];
            }
            if (node.Vector is null || node.Vector.Length != dimension)
            {
                errors[$"{prefix}.vector"] = [$"must hold {dimension} numbers ({GraphOptions.Section}:Dimension), not {node.Vector?.Length ?? 0}"];
            }
            else if (!node.Vector.All(float.IsFinite))
            {
                errors[$"{prefix}.vector"] = ["must hold finite numbers"];
            }
        }
    }

    private static ValidationProblem Invalid(string field, string problem) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] });
}
