using System.Text.Json;
using HoopOrleans.Api.Errors;
using Microsoft.AspNetCore.Http;
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
}
