using LiveGraphRec.Silo.Ingestion;

namespace LiveGraphRec.Silo.Apis;

public static class UsersApi
{
    public const int DefaultCount = 20;

    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/v1/users").RequireApiKey(readsOnlyWhenConfigured: true);
        api.MapGet("/{id}/recommendations", GetRecommendationsAsync);
        api.MapGet("/{id}", GetUserAsync);
        return api;
    }

    /// <param name="k">How many items (1..LGR:Api:MaxRecommendations, default 20).</param>
    /// <param name="excludeSeen">Leave out the user's items (default true).</param>
    public static async Task<Results<Ok<RecommendationResult>, ValidationProblem>> GetRecommendationsAsync(
        string id, string? k, bool? excludeSeen, [AsParameters] GraphServices services)
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
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var request = new RecommendationRequest(count, excludeSeen ?? true);
        return TypedResults.Ok(await services.Grains.GetGrain<IUserGrain>(id).GetRecommendationsAsync(request));
    }

    public static Task<Results<Ok<NodeProfile>, ProblemHttpResult, ValidationProblem>> GetUserAsync(
        string id, [AsParameters] GraphServices services) =>
        NodeProfiles.GetAsync(services.Grains.GetGrain<IUserGrain>(id), id, "user", services);
}
