using System.Text.Json;
using LiveGraphRec.Grains.Publishing;

namespace LiveGraphRec.Silo.Apis;

public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/v1/admin").RequireApiKey();
        api.MapPost("/embeddings", PublishEmbeddingsAsync);
        return api;
    }

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
