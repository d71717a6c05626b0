// The silo host. Until the grains land (online tier issue) it runs the embedded default only:
// localhost clustering and in-memory grain storage, with a liveness endpoint.
var builder = WebApplication.CreateBuilder(args);
builder.UseOrleans(silo => silo
    .UseLocalhostClustering()
    .AddMemoryGrainStorageAsDefault());

var app = builder.Build();
app.MapGet("/healthz", () => TypedResults.Ok("healthy"));
app.Run();

/// <summary>Entry point type, visible to functional tests.</summary>
public partial class Program;
