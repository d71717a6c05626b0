using System.Net;

namespace LiveGraphRec.Client.Http;

/// <summary>
/// The silo answered with an error status. <see cref="Exception.Message"/> says what the silo said: the
/// problem's detail and, for a 400, each invalid field (e.g. <c>events[3].kind: unknown kind 'buy'</c>).
/// </summary>
public sealed class LiveGraphRecApiException(HttpStatusCode status, string message, IReadOnlyDictionary<string, string[]> errors)
    : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>Field → problems, from a validation problem; empty otherwise.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
