using LiveGraphRec.Silo.Ingestion;
using LiveGraphRec.Silo.Options;
using LiveGraphRec.Silo.Telemetry;

namespace LiveGraphRec.Silo.Apis;

public static class EventsApi
{
    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/v1/events").RequireApiKey();
        api.MapPost("/", IngestAsync);
        return api;
    }

    /// <summary>
    /// Validates the whole batch first — any bad record rejects it all with a 400 naming each record and
    /// field — then appends it to the event stream and answers 202 once the stream has accepted it.
    /// </summary>
    public static async Task<Results<Accepted<IngestionReceipt>, ValidationProblem, ProblemHttpResult>> IngestAsync(
        HttpRequest request, InteractionPublisher publisher, IngestionMetrics metrics, IOptions<IngestionOptions> options,
        CancellationToken cancellationToken)
    {
        EventBatch batch = await EventBatchReader.ReadAsync(request, options.Value, cancellationToken);
        if (!batch.IsValid)
        {
            metrics.Rejected(batch);
        }
        if (batch.TooLarge is not null)
        {
            return TypedResults.Problem(batch.TooLarge, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");
        }
        if (!batch.IsValid)
        {
            return TypedResults.ValidationProblem(batch.Errors, detail: "The batch was rejected as a whole; nothing was applied.");
        }
        await publisher.PublishAsync(batch.Events);
        metrics.Accepted(batch);
        var receipt = new IngestionReceipt(batch.Events.Count,
            batch.Events.Select(e => e.UserId).Distinct().Count(), batch.Events.Select(e => e.ItemId).Distinct().Count());
        return TypedResults.Accepted((string?)null, receipt);
    }
}
