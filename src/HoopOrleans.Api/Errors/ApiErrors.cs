using Microsoft.AspNetCore.Http.HttpResults;

namespace HoopOrleans.Api.Errors;

/// <summary>Error answers, each a status code with <c>{"message": …}</c>.</summary>
public static class ApiErrors
{
    public static JsonHttpResult<ErrorBody> Status(int statusCode, string message) =>
        TypedResults.Json(new ErrorBody(message), ErrorJsonContext.Default.ErrorBody, statusCode: statusCode);

    public static JsonHttpResult<ErrorBody> BadRequest(string message) => Status(StatusCodes.Status400BadRequest, message);

    public static JsonHttpResult<ErrorBody> NotFound() => Status(StatusCodes.Status404NotFound, "not found");

    public static JsonHttpResult<ErrorBody> UnknownConnection(string name) =>
        BadRequest(name.Length == 0 ? "connection not found" : $"connection {name} not found");

    /// <summary>Writes an error directly, for code that runs outside an endpoint.</summary>
    public static Task WriteAsync(HttpContext http, int statusCode, string message)
    {
        http.Response.StatusCode = statusCode;
        return http.Response.WriteAsJsonAsync(new ErrorBody(message), ErrorJsonContext.Default.ErrorBody);
    }
}
