using LiveGraphRec.Silo.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddLiveGraphRec();

var app = builder.Build();
app.MapLiveGraphRecApis();
app.Run();

/// <summary>Entry point type, visible to functional tests.</summary>
public partial class Program;
