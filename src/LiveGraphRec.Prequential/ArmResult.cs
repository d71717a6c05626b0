namespace LiveGraphRec.Prequential;

/// <summary>What one arm measured over the stream.</summary>
/// <param name="Skipped">Streamed events not scored because the user already had the item (seen items are excluded, so they cannot be hit); still learned.</param>
/// <param name="SetupTime">Starting the arm before the stream: loading the prefix, publishing the starting model.</param>
/// <param name="StreamTime">Wall time of the stream: queries, ingestion and retrains.</param>
/// <param name="CpuTime">Process CPU time (all threads) during the stream.</param>
/// <param name="RetrainTime">Wall time of the retrains (training and publishing), part of <paramref name="StreamTime"/>.</param>
public sealed record ArmResult(
    string Arm,
    PrequentialMetrics Overall,
    PrequentialMetrics Cold,
    IReadOnlyList<PrequentialMetrics> Windows,
    int Streamed,
    int Skipped,
    TimeSpan SetupTime,
    TimeSpan StreamTime,
    TimeSpan CpuTime,
    TimeSpan RetrainTime,
    int Retrains)
{
    public double EventsPerSecond => Streamed / Math.Max(StreamTime.TotalSeconds, 1e-9);
}

/// <summary>Where an arm stands, reported every few events.</summary>
public sealed record ArmProgress(string Arm, int Done, int Total, PrequentialMetrics SoFar, PrequentialMetrics LastWindow, double EventsPerSecond);
