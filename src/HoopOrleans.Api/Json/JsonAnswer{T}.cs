using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Metadata;

namespace HoopOrleans.Api.Json;

/// <summary>An answer whose body is a record of <see cref="ApiJsonContext"/>, written straight into the response.</summary>
internal sealed class JsonAnswer<T>(int statusCode, T value, JsonTypeInfo<T> type, string? location)
    : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IContentTypeHttpResult, IEndpointMetadataProvider
{
    public int StatusCode => statusCode;

    int? IStatusCodeHttpResult.StatusCode => statusCode;

    public T Value => value;

    object? IValueHttpResult.Value => value;

    public string ContentType => JsonAnswer.ContentType;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = JsonAnswer.ContentType;
        if (location is not null)
        {
            response.Headers.Location = location;
        }

        await using (var json = new Utf8JsonWriter(response.BodyWriter, JsonAnswer.WriterOptions))
        {
            await JsonAnswer.WriteAsync(json, value, type, response.BodyWriter, httpContext.RequestAborted);
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
