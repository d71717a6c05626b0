namespace LiveGraphRec.Silo.Ingestion;

/// <summary>The 202 body of <c>POST /v1/events</c>.</summary>
/// <param name="Accepted">Events appended to the stream.</param>
/// <param name="Users">Distinct users among them.</param>
/// <param name="Items">Distinct items among them.</param>
public sealed record IngestionReceipt(int Accepted, int Users, int Items);
