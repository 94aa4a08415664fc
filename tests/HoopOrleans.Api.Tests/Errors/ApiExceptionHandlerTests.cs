using System.Text.Json;
using HoopOrleans.Api.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using HoopOrleans.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HoopOrleans.Api.Tests.Errors;

public sealed class ApiExceptionHandlerTests
{
    public static TheoryData<Exception, int, string> Cases => new()
    {
        { new SiloUnavailableException(), StatusCodes.Status503ServiceUnavailable, "the cluster is unavailable; retry shortly" },
        { new TimeoutException(), StatusCodes.Status503ServiceUnavailable, "the cluster is unavailable; retry shortly" },
        // What a caller saw when the silo owning a directory lookup died mid-call.
        { new OperationCanceledException(), StatusCodes.Status503ServiceUnavailable, "the cluster is unavailable; retry shortly" },
        { new SessionStoreUnavailableException(new IOException("secret detail")), StatusCodes.Status503ServiceUnavailable, "the session store is unavailable; retry shortly" },
        // A store failure met inside the runtime (an activation that could not read its state) arrives wrapped.
        { new OrleansException("activation failed", new SessionStoreUnavailableException()), StatusCodes.Status503ServiceUnavailable, "the cluster is unavailable; retry shortly" },
        // The driver's own exception, where a library reaches the store directly (membership).
        { new Npgsql.NpgsqlException("connection refused"), StatusCodes.Status503ServiceUnavailable, "the cluster is unavailable; retry shortly" },
        { new AggregateException(new TimeoutException()), StatusCodes.Status503ServiceUnavailable, "the cluster is unavailable; retry shortly" },
        { new BadHttpRequestException("too big", StatusCodes.Status413PayloadTooLarge), StatusCodes.Status413PayloadTooLarge, "request body too large" },
        { new InvalidOperationException("a bug"), StatusCodes.Status500InternalServerError, "internal error" },
        // What a session's grain refuses.
        { new SessionRuleException(SessionRule.Forbidden, "only the requester may run it"), StatusCodes.Status403Forbidden, "only the requester may run it" },
        { new SessionRuleException(SessionRule.Conflict, "the session has already run"), StatusCodes.Status409Conflict, "the session has already run" },
        { new IdempotencyConflictException(), StatusCodes.Status409Conflict, "this Idempotency-Key was already used with a different request" },
        { new UnknownConnectionException("postgres"), StatusCodes.Status400BadRequest, "connection postgres not found" },
        { new CapacityExceededException(4), StatusCodes.Status429TooManyRequests, "this node already runs 4 sessions; retry shortly" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_failure_gets_its_status_and_a_message_without_details(Exception exception, int status, string message)
    {
        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();

        var handled = await new ApiExceptionHandler(NullLogger<ApiExceptionHandler>.Instance).TryHandleAsync(http, exception, CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(status, http.Response.StatusCode);
        http.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(http.Response.Body);
        Assert.Equal(message, body.RootElement.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData(StatusCodes.Status429TooManyRequests)]
    [InlineData(StatusCodes.Status503ServiceUnavailable)]
    public async Task A_node_at_its_limit_or_a_dependency_down_says_when_to_retry(int status)
    {
        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();
        Exception exception = status == StatusCodes.Status429TooManyRequests ? new CapacityExceededException(1) : new TimeoutException();

        await new ApiExceptionHandler(NullLogger<ApiExceptionHandler>.Instance).TryHandleAsync(http, exception, CancellationToken.None);

        Assert.Equal(status, http.Response.StatusCode);
        Assert.Equal("1", http.Response.Headers.RetryAfter.ToString());
    }

    [Theory]
    [InlineData(StatusCodes.Status500InternalServerError)]
    [InlineData(StatusCodes.Status503ServiceUnavailable)]
    public async Task A_5xx_line_escapes_control_characters_of_the_path_and_of_the_exceptions_messages(int status)
    {
        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();
        http.Request.Method = "GET";
        http.Request.Path = "/api/sessions/a\\b\nc\rd\u2028e\u0085f";
        Exception exception = status == StatusCodes.Status503ServiceUnavailable
            ? new TimeoutException("slow\nwarn: forged")
            : new InvalidOperationException("outer\nwarn: forged", new FormatException("inner\r\nfail: forged"));
        var capture = new LogCapture();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(capture));

        await new ApiExceptionHandler(loggers.CreateLogger<ApiExceptionHandler>()).TryHandleAsync(http, exception, CancellationToken.None);

        var entry = Assert.Single(capture.Entries);
        Assert.Equal(@"/api/sessions/a\\b\nc\rd\u2028e\u0085f", entry.Fields["Path"]);
        Assert.DoesNotContain('\r', entry.Message);
        Assert.Contains(@"warn: forged", entry.Message);
        Assert.DoesNotContain("\nwarn: forged", entry.Message);
        Assert.DoesNotContain("\nfail: forged", entry.Message);
        Assert.Equal(status, http.Response.StatusCode);
    }

    [Fact]
    public async Task Running_an_existing_session_whose_connection_was_removed_is_a_conflict()
    {
        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();
        var exec = new Endpoint(null, new EndpointMetadataCollection(RemovedConnectionIsConflict.Instance), "exec");
        http.Features.Set<IExceptionHandlerFeature>(new ExceptionHandlerFeature { Error = new UnknownConnectionException("gone"), Endpoint = exec, Path = "/api/sessions/x/exec" });

        await new ApiExceptionHandler(NullLogger<ApiExceptionHandler>.Instance).TryHandleAsync(http, new UnknownConnectionException("gone"), CancellationToken.None);

        Assert.Equal(StatusCodes.Status409Conflict, http.Response.StatusCode);
        http.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(http.Response.Body);
        Assert.Equal("connection gone no longer exists", body.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public void A_call_whose_answer_was_lost_may_have_run_but_one_the_store_refused_did_not()
    {
        Assert.True(ServiceFailures.MayHaveCompleted(new TimeoutException()));
        Assert.True(ServiceFailures.MayHaveCompleted(new SiloUnavailableException()));
        Assert.False(ServiceFailures.MayHaveCompleted(new SessionStoreUnavailableException()));
        Assert.False(ServiceFailures.MayHaveCompleted(new OrleansException("wrapped", new SessionStoreUnavailableException())));
        Assert.False(ServiceFailures.MayHaveCompleted(new InvalidOperationException("a bug")));
    }
}
