using Microsoft.AspNetCore.Diagnostics;

namespace HoopOrleans.Api.Errors;

/// <summary>
/// Endpoint metadata for routes that run a session that already exists (<c>…/exec</c>): there a
/// connection that is not configured was removed after the session was made, which is a conflict
/// with the service's state (<c>409</c>), not a bad request (<c>400</c>) as when a new run names it.
/// </summary>
internal sealed class RemovedConnectionIsConflict
{
    public static readonly RemovedConnectionIsConflict Instance = new();

    private RemovedConnectionIsConflict()
    {
    }

    /// <summary>Whether the endpoint that failed with an exception carries this metadata.</summary>
    public static bool AppliesTo(HttpContext http) =>
        http.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<RemovedConnectionIsConflict>() is not null;
}
