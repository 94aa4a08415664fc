using System.Text.Json;
using HoopOrleans.Catalog;

namespace HoopOrleans.Api.Sessions;

/// <summary><c>{"data": [...], "total": n, "has_next_page": bool}</c>, each item a session without its script or output.</summary>
public sealed class SessionPageResult(SessionPage page) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "application/json; charset=utf-8";
        await using (var json = new Utf8JsonWriter(response.BodyWriter, SessionJson.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartArray("data");
            foreach (var session in page.Sessions)
            {
                await SessionJson.WriteSessionAsync(json, session, listItem: true, body: response.BodyWriter, cancel: httpContext.RequestAborted);
            }

            json.WriteEndArray();
            json.WriteNumber("total", page.Total);
            json.WriteBoolean("has_next_page", page.HasNextPage);
            json.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
