using LiveGraphRec.Silo.Ingestion;

namespace LiveGraphRec.Silo.Apis;

public static class UsersApi
{
    public const int DefaultCount = 20;
    public const int MaxCandidates = 1_000;

    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/v1/users").RequireApiKey(readsOnlyWhenConfigured: true);
        api.MapGet("/{id}/recommendations", GetRecommendationsAsync);
        api.MapGet("/{id}", GetUserAsync);
        return api;
    }

    /// <param name="k">How many items (1..LGR:Api:MaxRecommendations, default 20).</param>
    /// <param name="excludeSeen">Leave out the user's items (default true).</param>
    /// <param name="candidates">Comma-separated item ids to rank instead of the whole catalog (at most MaxCandidates).</param>
    public static async Task<Results<Ok<RecommendationResult>, ValidationProblem>> GetRecommendationsAsync(
        string id, string? k, bool? excludeSeen, string? candidates, [AsParameters] GraphServices services)
    {
        var errors = new Dictionary<string, string[]>();
        if (IdRules.Check(id, services.Ingestion.Value.MaxIdLength) is { } problem)
        {
            errors["id"] = [problem];
        }
        int count = DefaultCount;
        int max = services.Api.Value.MaxRecommendations;
        if (k is not null && (!int.TryParse(k, out count) || count < 1 || count > max))
        {
            errors["k"] = [$"must be an integer from 1 to {max}"];
        }
        string[]? candidateIds = candidates?.Split(',', StringSplitOptions.TrimEntries);
        if (candidateIds is not null && CandidateProblem(candidateIds, services.Ingestion.Value.MaxIdLength) is { } candidateProblem)
        {
            errors["candidates"] = [candidateProblem];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var request = new RecommendationRequest(count, excludeSeen ?? true, candidateIds);
        return TypedResults.Ok(await services.Grains.GetGrainFast<IUserGrain>(id).GetRecommendationsAsync(request));
    }

    private static string? CandidateProblem(string[] ids, int maxIdLength)
    {
        if (ids.Length > MaxCandidates)
        {
            return $"lists {ids.Length} items; the limit is {MaxCandidates}";
        }
        return ids.Select((candidate, index) => IdRules.Check(candidate, maxIdLength) is { } problem ? $"item {index + 1} {problem}" : null)
            .FirstOrDefault(problem => problem is not null);
    }

    public static Task<Results<Ok<NodeProfile>, ProblemHttpResult, ValidationProblem>> GetUserAsync(
        string id, [AsParameters] GraphServices services) =>
        NodeProfiles.GetAsync(services.Grains.GetGrain<IUserGrain>(id), id, "user", services);
}
