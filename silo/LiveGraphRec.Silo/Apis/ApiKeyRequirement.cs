using System.Security.Cryptography;
using System.Text;
using LiveGraphRec.Silo.Options;

namespace LiveGraphRec.Silo.Apis;

/// <summary>The <c>X-Api-Key</c> check, as an endpoint filter on a route group.</summary>
public static class ApiKeyRequirement
{
    /// <param name="readsOnlyWhenConfigured">For read endpoints: check only when <see cref="ApiOptions.RequireKeyForReads"/> is set.</param>
    public static RouteGroupBuilder RequireApiKey(this RouteGroupBuilder group, bool readsOnlyWhenConfigured = false)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            ApiOptions options = context.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
            if (readsOnlyWhenConfigured && !options.RequireKeyForReads)
            {
                return await next(context);
            }
            string? provided = context.HttpContext.Request.Headers[ApiOptions.KeyHeader];
            if (string.IsNullOrEmpty(provided))
            {
                return Unauthorized($"The {ApiOptions.KeyHeader} header is missing.");
            }
            return Matches(provided, options.ApiKey) ? await next(context) : Unauthorized("The API key is not valid.");
        });
        return group;
    }

    /// <summary>Constant-time in the key's content and length: compares fixed-size hashes.</summary>
    public static bool Matches(string provided, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(provided)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
}
