using global::Grpc.Core;
using HoopOrleans.Api.Errors;
using HoopOrleans.Operations.Logging;
using HoopOrleans.Sessions;
using HoopOrleans.Telemetry;

namespace HoopOrleans.Api.Grpc;

/// <summary>
/// Where an exception on hoop's transport becomes a gRPC status with a message, by the same rules
/// as the HTTP answers (<see cref="ApiExceptionHandler.Answer"/>): a refusal keeps its meaning
/// (<c>InvalidArgument</c>, <c>NotFound</c>, <c>FailedPrecondition</c>, <c>PermissionDenied</c>,
/// <c>ResourceExhausted</c>), a cluster or store that cannot be reached is <c>Unavailable</c>, and
/// anything else is <c>Internal</c> with "internal error", its details in the log only.
/// </summary>
internal static partial class GrpcFailures
{
    public static RpcException InvalidArgument(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public static RpcException Of(HttpContext http, Exception exception, ILogger logger)
    {
        if (exception is RpcException rpc)
        {
            return rpc;
        }

        if (exception is UnknownConnectionException)
        {
            // hoop's words: its CLI prints them as they are.
            return new RpcException(new Status(StatusCode.NotFound, "connection not found"));
        }

        var (status, message) = ApiExceptionHandler.Answer(http, exception);
        var code = status switch
        {
            StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge or StatusCodes.Status422UnprocessableEntity => StatusCode.InvalidArgument,
            StatusCodes.Status403Forbidden => StatusCode.PermissionDenied,
            StatusCodes.Status404NotFound => StatusCode.NotFound,
            StatusCodes.Status409Conflict => StatusCode.FailedPrecondition,
            StatusCodes.Status429TooManyRequests => StatusCode.ResourceExhausted,
            StatusCodes.Status503ServiceUnavailable => StatusCode.Unavailable,
            _ => StatusCode.Internal,
        };
        if (code is StatusCode.ResourceExhausted or StatusCode.Unavailable)
        {
            HoopMetrics.RequestRefused(status);
        }

        if (code == StatusCode.Unavailable)
        {
            Unavailable(logger, EscapedException.Of(exception));
        }
        else if (code == StatusCode.Internal)
        {
            Failed(logger, EscapedException.Of(exception));
        }

        return new RpcException(new Status(code, message));
    }

    [LoggerMessage(1, LogLevel.Warning, "hoop's transport answered Unavailable: a dependency failed")]
    private static partial void Unavailable(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Error, "hoop's transport failed")]
    private static partial void Failed(ILogger logger, Exception exception);
}
