using System.Net;
using System.Text.Json;

namespace HoopOrleans.Api.Tests.WebConsole;

/// <summary>
/// <c>/sessions/{id}</c> is the console's page for a browser following a link and the session's JSON
/// for everything else, as it was before the console: the choice is the request's <c>Accept</c>.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SessionPageTests(ApiFixture api)
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private async Task<string> NewSessionAsync()
    {
        var (_, created) = await api.Client.PostAsync("/api/sessions", new { connection = "bash", script = "echo console" });
        return created.GetProperty("session_id").GetString()!;
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await api.Client.SendAsync(request);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData(BrowserAccept)]
    [InlineData("application/json;q=0.5, text/html")]
    public async Task A_browser_gets_the_console_page(string accept)
    {
        var id = await NewSessionAsync();

        using var response = await GetAsync($"/sessions/{id}", accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        ConsolePageTests.AssertConsoleHeaders(response);
        Assert.Contains("Accept", response.Headers.Vary);
        Assert.Contains("<title>HoopOrleans console</title>", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("*/*")]
    [InlineData("text/html;q=0.5, application/json")]
    [InlineData("text/html, application/json")]
    public async Task Any_other_accept_gets_the_json_as_before(string? accept)
    {
        var id = await NewSessionAsync();

        using var response = await GetAsync($"/sessions/{id}", accept);
        var (status, session) = await Http.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(id, session.GetProperty("id").GetString());
        Assert.Equal("console\n", session.GetProperty("output").GetString());
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Fact]
    public async Task The_api_path_stays_json_whatever_the_accept()
    {
        var id = await NewSessionAsync();

        using var response = await GetAsync($"/api/sessions/{id}", BrowserAccept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/sessions/{0}/stream")]
    [InlineData("/sessions")]
    public async Task Other_paths_under_sessions_stay_the_apis(string template)
    {
        var id = await NewSessionAsync();

        using var response = await GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, id), BrowserAccept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_page_is_not_in_the_api_document()
    {
        using var document = JsonDocument.Parse(await api.Client.GetStringAsync("/openapi/v1.json"));

        Assert.False(document.RootElement.GetProperty("paths").TryGetProperty("/sessions/{id}", out _));
        Assert.False(document.RootElement.GetProperty("paths").TryGetProperty("/", out _));
    }
}
