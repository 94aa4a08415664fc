using HoopOrleans.Operations.Logging;
using Microsoft.AspNetCore.Diagnostics;
using HoopOrleans.Sessions;
using HoopOrleans.Telemetry;

namespace HoopOrleans.Api.Errors;

/// <summary>
/// Where every exception becomes an answer: a session's rules refusing a request (<c>403</c>,
/// <c>409</c>), a node at its run limit or a caller at its bound (<c>429</c>), a client's malformed request keeps its 4xx,
/// a cluster or store that cannot be reached is a <c>503</c>, and anything else is a <c>500</c>
/// whose details stay in the log. Handlers let these exceptions through; only the answer to a run
/// that may have started is theirs (they know its id). The request's method and path, and the
/// exception's messages, which may repeat the path, are logged escaped (<see cref="LogText"/>,
/// <see cref="EscapedException"/>): a decoded path may hold a newline that would forge a log line.
/// </summary>
internal sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, message) = Answer(http, exception);
        if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = "1";
            HoopMetrics.RequestRefused(status);
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            Unavailable(logger, EscapedException.Of(exception), LogText.Escape(http.Request.Method), LogText.Escape(http.Request.Path.Value ?? ""));
        }
        else if (status >= 500)
        {
            Failed(logger, EscapedException.Of(exception), LogText.Escape(http.Request.Method), LogText.Escape(http.Request.Path.Value ?? ""));
        }

        await ApiErrors.WriteAsync(http, status, message);
        return true;
    }

    /// <summary>The status and message <paramref name="exception"/> answers with; gRPC maps the status to its own codes.</summary>
    internal static (int Status, string Message) Answer(HttpContext http, Exception exception) => exception switch
    {
        BadHttpRequestException bad => (bad.StatusCode, StatusMessage(bad.StatusCode)),
        SessionRuleException { Rule: SessionRule.Forbidden } => (StatusCodes.Status403Forbidden, exception.Message),
        SessionRuleException or IdempotencyConflictException => (StatusCodes.Status409Conflict, exception.Message),
        UnknownConnectionException unknown when RemovedConnectionIsConflict.AppliesTo(http) =>
            (StatusCodes.Status409Conflict, $"connection {unknown.Connection} no longer exists"),
        UnknownConnectionException unknown => (StatusCodes.Status400BadRequest, ApiErrors.ConnectionNotFound(unknown.Connection)),
        CapacityExceededException or CallerBoundExceededException => (StatusCodes.Status429TooManyRequests, exception.Message),
        SessionStoreUnavailableException or NodeDrainingException or ConnectionUnavailableException => (StatusCodes.Status503ServiceUnavailable, exception.Message),
        _ when ServiceFailures.IsUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, ServiceFailures.ClusterUnavailable),
        _ => (StatusCodes.Status500InternalServerError, "internal error"),
    };

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
