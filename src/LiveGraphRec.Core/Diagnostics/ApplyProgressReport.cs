namespace LiveGraphRec.Core.Diagnostics;

/// <summary>
/// A silo's applied events and their apply lag (from the append to the event stream to the user grain applying the
/// event) since <paramref name="Since"/>, as <c>GET /v1/admin/ingestion</c> reports them; lags in milliseconds.
/// </summary>
/// <param name="DuplicateEvents">Re-delivered events that changed nothing.</param>
/// <param name="LagSamples">Applied events that carried an acceptance time (all that came through <c>POST /v1/events</c>).</param>
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
