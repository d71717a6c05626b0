using LiveGraphRec.Silo.Ingestion;

namespace LiveGraphRec.Silo.Apis;

/// <summary>The shared <c>GET /v1/{users|items}/{id}</c> handler.</summary>
internal static class NodeProfiles
{
    public static async Task<Results<Ok<NodeProfile>, NotFound<ProblemDetails>, ValidationProblem>> GetAsync(
        IGraphNodeGrain node, string id, string kind, GraphServices services)
    {
        if (IdRules.Check(id, services.Ingestion.MaxIdLength) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [problem] });
        }
        NodeProfile profile = await node.GetProfileAsync();
        if (profile.AppliedEvents == 0 && profile.EmbeddingVersion == 0)
        {
            return TypedResults.NotFound(new ProblemDetails
            {
                Title = "Not found",
                Status = StatusCodes.Status404NotFound,
                Detail = $"No {kind} '{id}': it has neither interactions nor a published embedding.",
            });
        }
        return TypedResults.Ok(profile);
    }
}
