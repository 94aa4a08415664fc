using Microsoft.AspNetCore.Diagnostics;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Errors;

/// <summary>
/// The last word on exceptions: a client's malformed request keeps its 4xx, a cluster or store that
/// cannot be reached is a 503, and anything else is a 500 whose details stay in the log.
/// </summary>
internal sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, message) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, StatusMessage(bad.StatusCode)),
            SessionStoreUnavailableException or NodeDrainingException => (StatusCodes.Status503ServiceUnavailable, exception.Message),
            _ when ServiceFailures.IsUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, ServiceFailures.ClusterUnavailable),
            _ => (StatusCodes.Status500InternalServerError, "internal error"),
        };

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = "1";
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            Unavailable(logger, exception, http.Request.Method, http.Request.Path);
        }
        else if (status >= 500)
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

    [LoggerMessage(2, LogLevel.Warning, "{Method} {Path} answered 503: a dependency failed")]
    private static partial void Unavailable(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(1, LogLevel.Error, "{Method} {Path} failed")]
    private static partial void Failed(ILogger logger, Exception exception, string method, string path);
}
