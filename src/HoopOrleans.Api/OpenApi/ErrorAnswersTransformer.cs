using System.Collections.Frozen;
using HoopOrleans.Api.Errors;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HoopOrleans.Api.OpenApi;

/// <summary>
/// Says, for each error status an operation lists, what makes the service answer it; the body is
/// always an <see cref="ErrorBody"/>. The reasons are the service's, in the README's error table:
/// where one status has several, the operation's own are among them. It also lists the statuses in
/// order, as a reader looks them up (the generator lists them as the metadata came).
/// </summary>
internal sealed class ErrorAnswersTransformer : IOpenApiOperationTransformer
{
    private static readonly FrozenDictionary<string, string> Reasons = new Dictionary<string, string>
    {
        ["400"] = "A malformed request: a body that is not a JSON object or a field of the wrong type, a repeated key, U+0000 or an unpaired surrogate; "
            + "an unknown connection (\"connection <name> not found\"); a bad `wait`, `Idempotency-Key`, `Last-Event-ID` or listing filter; "
            + "or a `Host` the service does not answer to (without keys only `localhost`, `127.0.0.1` and `[::1]`).",
        ["401"] = "Keys are configured and the request carries none, or a wrong one: `{\"message\":\"access denied\"}`.",
        ["403"] = "A foreign `Origin`; a run calling a service that has no keys; a key whose role may not do this; "
            + "or the session's rules: only its requester or an admin kills or deletes it, an exec before approval, reviewing one's own session.",
        ["404"] = "No such session, a malformed id, or one the caller may not see: they answer alike.",
        ["409"] = "The session's state forbids it: a second exec, a review of a session that is not waiting for one, deleting a session that has not ended, "
            + "an exec whose connection was removed, or an `Idempotency-Key` used before with another body.",
        ["413"] = "The body is larger than `Sessions:MaxRequestBytes`.",
        ["415"] = "A body sent without `Content-Type: application/json`.",
        ["422"] = "A value out of its range: `metadata` or `labels` over their limits; a listing's `limit`, `offset` or `count`; an unknown `event_stream` format.",
        ["429"] = "The caller is at one of its bounds (`Auth:Keys:<name>:MaxConcurrentRuns` or `MaxStreams`, else `Auth:Defaults` or `Auth:Anonymous`; the message names it), or the node already runs `Sessions:MaxConcurrentRuns` processes; `Retry-After` says when to try again.",
        ["503"] = "The cluster or the session store cannot be reached, or the node is shutting down; `Retry-After` says when to try again.",
    }.ToFrozenDictionary();

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is OpenApiResponse written && Reasons.TryGetValue(status, out var reason))
            {
                written.Description = reason;
            }
        }

        if (operation.Responses is { Count: > 1 } responses)
        {
            var ordered = responses.OrderBy(response => response.Key, StringComparer.Ordinal).ToList();
            responses.Clear();
            foreach (var (status, response) in ordered)
            {
                responses[status] = response;
            }
        }

        return Task.CompletedTask;
    }
}
