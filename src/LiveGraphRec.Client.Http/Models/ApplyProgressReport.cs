namespace LiveGraphRec.Client.Http.Models;

/// <summary>
/// A silo's applied events and apply lag (from the append to the stream to the user grain applying the
/// event) since <paramref name="Since"/>; lags in milliseconds.
/// </summary>
public sealed record ApplyProgressReport(
    DateTimeOffset Since,
    DateTimeOffset At,
    long AppliedEvents,
    long DuplicateEvents,
    long LagSamples,
    double LagP50Ms,
    double LagP90Ms,
    double LagP99Ms,
    double LagMaxMs);
