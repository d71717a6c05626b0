namespace LiveGraphRec.Silo.Apis;

public static class ItemsApi
{
    public static RouteGroupBuilder MapItemsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/v1/items").RequireApiKey(readsOnlyWhenConfigured: true);
        api.MapGet("/{id}", GetItemAsync);
        return api;
    }

    public static Task<Results<Ok<NodeProfile>, ProblemHttpResult, ValidationProblem>> GetItemAsync(
        string id, [AsParameters] GraphServices services) =>
        NodeProfiles.GetAsync(services.Grains.GetGrain<IItemGrain>(id), id, "item", services);
}
