using System.Text.Json;
using HoopOrleans.Api.Errors;
using Microsoft.AspNetCore.Http;
using HoopOrleans.Sessions;
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
