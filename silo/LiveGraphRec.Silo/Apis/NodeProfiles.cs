using LiveGraphRec.Silo.Ingestion;

namespace LiveGraphRec.Silo.Apis;

/// <summary>The shared <c>GET /v1/{users|items}/{id}</c> handler.</summary>
internal static class NodeProfiles
{
    public static async Task<Results<Ok<NodeProfile>, ProblemHttpResult, ValidationProblem>> GetAsync(
        IGraphNodeGrain node, string id, string kind, GraphServices services)
    {
        if (IdRules.Check(id, services.Ingestion.Value.MaxIdLength) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [problem] });
        }
        NodeProfile profile = await node.GetProfileAsync();
        if (profile.AppliedEvents == 0 && profile.EmbeddingVersion == 0)
        {
            return TypedResults.Problem($"No {kind} '{id}': it has neither interactions nor a published embedding.",
                statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
        return TypedResults.Ok(profile);
    }
}
