using System.Text.Json;
using System.Text.Json.Serialization;
using LiveGraphRec.Client.Http.Models;
using LiveGraphRec.Core.Diagnostics;

namespace LiveGraphRec.Client.Http;

/// <summary>Source-generated (de)serializers for the API's bodies: camelCase, nulls left out.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<EventRecord>))]
[JsonSerializable(typeof(IngestionReceipt))]
[JsonSerializable(typeof(Recommendations))]
[JsonSerializable(typeof(NodeProfile))]
[JsonSerializable(typeof(EmbeddingBatch))]
[JsonSerializable(typeof(PublishReport))]
[JsonSerializable(typeof(ApplyProgressReport))]
[JsonSerializable(typeof(TrainingRequest))]
[JsonSerializable(typeof(TrainingStatus))]
[JsonSerializable(typeof(ProblemBody))]
internal sealed partial class ClientJsonContext : JsonSerializerContext;

/// <summary>An RFC 9457 problem as the silo writes it.</summary>
internal sealed record ProblemBody(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
