using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace HoopOrleans.Api.Tests.WebConsole;

/// <summary>
/// The web console as the front end serves it: the page at <c>/</c>, its files under
/// <c>/console/</c>, each with the console's headers, and no script or style in the page itself.
/// (The namespace is WebConsole, not Console, so no test's <c>Console.</c> can mean it.)
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class ConsolePageTests(ApiFixture api)
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>A static or dynamic import's specifier, or an export's <c>from</c>.</summary>
    [GeneratedRegex("""(?:\bimport\b|\bfrom\b)\s*\(?\s*['"]([^'"]+)['"]""")]
    private static partial Regex ModuleSpecifier();

    internal static void AssertConsoleHeaders(HttpResponseMessage response)
    {
        Assert.Equal(Policy, string.Join(", ", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", string.Join(", ", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(", ", response.Headers.GetValues("Referrer-Policy")));
    }

    private async Task<(HttpResponseMessage Response, string Body)> GetAsync(string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await api.Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    [InlineData("application/json")]
    public async Task The_root_is_the_console_page_with_its_headers(string? accept)
    {
        var (response, html) = await GetAsync("/", accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        AssertConsoleHeaders(response);
        Assert.Contains("<title>HoopOrleans console</title>", html);
    }

    [Theory]
    [InlineData("/console/app.js", "text/javascript")]
    [InlineData("/console/api.js", "text/javascript")]
    [InlineData("/console/console.css", "text/css")]
    [InlineData("/console/icon.svg", "image/svg+xml")]
    public async Task Assets_are_served_with_their_content_types_and_the_headers(string path, string type)
    {
        var (response, body) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(body);
        AssertConsoleHeaders(response);
    }

    [Fact]
    public async Task An_unknown_asset_is_404()
    {
        var (response, _) = await GetAsync("/console/nothing-here.js");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_page_has_no_inline_script_style_or_handler()
    {
        var (_, html) = await GetAsync("/");
        var tags = PageMarkup.Tags(html);

        var scripts = tags.Where(tag => tag.Name == "script").ToList();
        Assert.NotEmpty(scripts);
        foreach (var (_, attributes, raw) in scripts)
        {
            Assert.True(attributes.ContainsKey("src"), "every script is a file of its own");
            Assert.True(string.IsNullOrWhiteSpace(raw), "a script with a src has no text");
            Assert.Equal("module", attributes.GetValueOrDefault("type"));
        }

        Assert.DoesNotContain(tags, tag => tag.Name == "style");
        foreach (var (name, attributes, _) in tags)
        {
            Assert.False(attributes.ContainsKey("style"), $"<{name}> has a style attribute");
            Assert.DoesNotContain(attributes.Keys, attribute => attribute.StartsWith("on", StringComparison.Ordinal));
            Assert.DoesNotContain(attributes.Values, value => value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Every file the page references, and every module those import, is the service's own and served.</summary>
    [Fact]
    public async Task Every_referenced_file_and_imported_module_is_served_from_the_console_path()
    {
        var (_, html) = await GetAsync("/");
        var root = new Uri(api.Client.BaseAddress!, "/");
        var pending = new Queue<Uri>(PageMarkup.Tags(html)
            .SelectMany(tag => new[] { tag.Attributes.GetValueOrDefault("src"), tag.Attributes.GetValueOrDefault("href") })
            .Where(reference => reference is not null && reference != "/")
            .Select(reference => new Uri(root, reference)));
        var seen = new HashSet<Uri>();
        while (pending.TryDequeue(out var asset))
        {
            if (!seen.Add(asset))
            {
                continue;
            }

            Assert.Equal(root.GetLeftPart(UriPartial.Authority), asset.GetLeftPart(UriPartial.Authority));
            Assert.StartsWith("/console/", asset.AbsolutePath);
            var (response, body) = await GetAsync(asset.AbsolutePath);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} answered {response.StatusCode}");
            if (asset.AbsolutePath.EndsWith(".js", StringComparison.Ordinal))
            {
                Assert.DoesNotContain("innerHTML", body);
                Assert.DoesNotContain("insertAdjacentHTML", body);
                Assert.DoesNotContain("document.write", body);
                foreach (Match import in ModuleSpecifier().Matches(body))
                {
                    pending.Enqueue(new Uri(asset, import.Groups[1].Value));
                }
            }
        }

        Assert.Contains(new Uri(root, "/console/session.js"), seen);
        Assert.Contains(new Uri(root, "/console/stream.js"), seen);
    }

    [Fact]
    public async Task A_foreign_host_gets_neither_the_page_nor_an_asset()
    {
        foreach (var path in new[] { "/", "/console/app.js" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = "evil.example";
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

            using var response = await api.Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }
}
