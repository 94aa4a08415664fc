using Microsoft.AspNetCore.Diagnostics;

namespace HoopOrleans.Api.Errors;

/// <summary>
/// The last word on exceptions: a client's malformed request keeps its 4xx, a cluster that cannot
/// be reached is a 503, and anything else is a 500 whose details stay in the log.
/// </summary>
internal sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, message) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, StatusMessage(bad.StatusCode)),
            // The runtime's own failures (a silo that died, a message it could not deliver, a storage
            // conflict) pass with a retry; a grain's own exceptions are not OrleansExceptions.
            // A silo that dies mid-call can also cancel the runtime's own work (a grain directory
            // lookup towards it) and the caller sees the cancellation.
            OrleansException or Orleans.Runtime.Messaging.ConnectionFailedException or TimeoutException or OperationCanceledException
                => (StatusCodes.Status503ServiceUnavailable, "the cluster is unavailable; retry shortly"),
            _ => (StatusCodes.Status500InternalServerError, "internal error"),
        };

        if (status >= 500)
        {
            Failed(logger, exception, http.Request.Method, http.Request.Path);
        }

        await ApiErrors.WriteAsync(http, status, message);
        return true;
    }

    private static string StatusMessage(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "request body too large",
        _ => "bad request",
    };

    [LoggerMessage(1, LogLevel.Error, "{Method} {Path} failed")]
    private static partial void Failed(ILogger logger, Exception exception, string method, string path);
}
