namespace LiveGraphRec.Grains.Tests.Observability;

/// <summary>
/// Tests that scrape LiveGraphRec's series run alone in the process: every silo host creates the same-named meter
/// through its own IMeterFactory, OpenTelemetry merges same-named instruments into one stream, and another test's host
/// stopping meanwhile can end that stream (seen as every lgr_ series missing from a scrape, in about half the runs).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics scrapes (alone in the process)";
}
