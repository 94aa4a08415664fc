using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace HoopOrleans.Api.Tests.Security;

/// <summary>
/// What a hostile web page can make a browser send to a keyless service on the user's machine:
/// form posts, fetches with a foreign <c>Origin</c>, and requests to a name rebound to 127.0.0.1.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BrowserRequestTests(ApiFixture fixture)
{
    private const string Foreign = "https://evil.example";

    private static string Marker() => Path.Combine(Path.GetTempPath(), $"hoop-{Guid.NewGuid():N}");

    private static string Touch(string marker) => $$"""{"connection": "bash", "script": "touch '{{marker}}'"}""";

    private string OwnOrigin => fixture.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);

    private async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> SendAsync(HttpMethod method, string path, string? origin, HttpContent? content = null, string? host = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        return await Http.ReadAsync(await fixture.Client.SendAsync(request));
    }

    [Fact]
    public async Task A_form_post_from_another_site_is_403_and_runs_nothing()
    {
        var marker = Marker();
        var form = new StringContent(Touch(marker), Encoding.UTF8, "application/x-www-form-urlencoded");

        Http.AssertError(HttpStatusCode.Forbidden, await SendAsync(HttpMethod.Post, "/api/sessions?wait=5", Foreign, form));
        Assert.False(File.Exists(marker));
    }

    [Theory]
    [InlineData(Foreign)]
    [InlineData("null")]
    [InlineData("http://127.0.0.1.evil.example")]
    public async Task Json_with_a_foreign_origin_is_403_and_runs_nothing(string origin)
    {
        var marker = Marker();

        Http.AssertError(HttpStatusCode.Forbidden, await SendAsync(HttpMethod.Post, "/api/sessions?wait=5", origin, Http.Json(Touch(marker))));
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Every_route_refuses_a_foreign_origin()
    {
        var id = Guid.NewGuid();
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, "/api/sessions"), (HttpMethod.Get, $"/api/sessions/{id}"), (HttpMethod.Get, $"/sessions/{id}/stream"),
            (HttpMethod.Post, $"/api/sessions/{id}/kill"), (HttpMethod.Post, $"/api/sessions/{id}/exec"), (HttpMethod.Get, "/health"),
            (HttpMethod.Options, "/api/sessions"),
        })
        {
            Http.AssertError(HttpStatusCode.Forbidden, await SendAsync(method, path, Foreign));
        }
    }

    [Fact]
    public async Task A_same_origin_request_still_works()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/api/sessions", OwnOrigin, Http.Json("""{"connection": "bash", "script": "echo same origin"}"""));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("same origin\n", body.GetProperty("output").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=latin1")]
    public async Task A_body_that_is_not_declared_json_is_415_and_runs_nothing(string contentType)
    {
        var marker = Marker();
        static ByteArrayContent Body(string json, string contentType)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            return content;
        }

        Http.AssertError(HttpStatusCode.UnsupportedMediaType, await SendAsync(HttpMethod.Post, "/api/sessions?wait=5", null, Body(Touch(marker), contentType)));
        Http.AssertError(HttpStatusCode.UnsupportedMediaType, await SendAsync(HttpMethod.Put, $"/api/sessions/{Guid.NewGuid()}/review", null, Body("""{"status": "APPROVED"}""", contentType)));
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_415()
    {
        var content = new ByteArrayContent("""{"connection": "bash", "script": "true"}"""u8.ToArray());

        Http.AssertError(HttpStatusCode.UnsupportedMediaType, await SendAsync(HttpMethod.Post, "/api/sessions", null, content));
    }

    [Fact]
    public async Task A_request_without_a_body_needs_no_content_type()
    {
        // hoop's CLI posts /exec with neither a body nor a Content-Type.
        Http.AssertError(HttpStatusCode.NotFound, await SendAsync(HttpMethod.Post, $"/api/sessions/{Guid.NewGuid()}/exec", null), "not found");
        Http.AssertError(HttpStatusCode.NotFound, await SendAsync(HttpMethod.Post, $"/api/sessions/{Guid.NewGuid()}/kill", null), "not found");
    }

    [Theory]
    [InlineData("rebind.evil.example")]
    [InlineData("rebind.evil.example:5080")]
    [InlineData("localhost.evil.example")]
    [InlineData("10.0.0.1")]
    public async Task Without_keys_a_foreign_host_name_is_400_and_runs_nothing(string host)
    {
        var marker = Marker();

        Http.AssertError(HttpStatusCode.BadRequest, await SendAsync(HttpMethod.Post, "/api/sessions?wait=5", null, Http.Json(Touch(marker)), host));
        Http.AssertError(HttpStatusCode.BadRequest, await SendAsync(HttpMethod.Get, "/api/sessions", null, host: host));
        Assert.False(File.Exists(marker));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST:5080")]
    [InlineData("127.0.0.1:1")]
    [InlineData("[::1]:5080")]
    public async Task Loopback_host_names_are_served_on_any_port(string host)
    {
        var (status, _) = await SendAsync(HttpMethod.Get, "/api/sessions", null, host: host);

        Assert.Equal(HttpStatusCode.OK, status);
    }
}
