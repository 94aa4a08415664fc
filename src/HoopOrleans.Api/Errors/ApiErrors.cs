using HoopOrleans.Api.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HoopOrleans.Api.Errors;

/// <summary>Error answers, each a status code with <c>{"message": …}</c>.</summary>
internal static class ApiErrors
{
    public const string NotJson = "request body is not valid JSON";

    public static BadRequest<ErrorBody> BadRequest(string message) => TypedResults.BadRequest(new ErrorBody(message));

    public static NotFound<ErrorBody> NotFound() => TypedResults.NotFound(new ErrorBody("not found"));

    public static UnprocessableEntity<ErrorBody> Unprocessable(string message) => TypedResults.UnprocessableEntity(new ErrorBody(message));

    /// <summary>An error with a status the framework has no typed result for (<c>413</c>, <c>415</c>).</summary>
    public static JsonHttpResult<ErrorBody> Status(int statusCode, string message) =>
        TypedResults.Json(new ErrorBody(message), ApiJsonContext.Default.ErrorBody, statusCode: statusCode);

    /// <summary>What a request for a connection that is not configured, or not the caller's to use, is told.</summary>
    public static string ConnectionNotFound(string name) => name.Length == 0 ? "connection not found" : $"connection {name} not found";

    /// <summary>Writes an error directly, for code that runs outside an endpoint.</summary>
    public static Task WriteAsync(HttpContext http, int statusCode, string message)
    {
        http.Response.StatusCode = statusCode;
        return http.Response.WriteAsJsonAsync(new ErrorBody(message), ApiJsonContext.Default.ErrorBody);
    }
}
