using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HoopOrleans.Api.Tests.OpenApi;

/// <summary>
/// <c>/docs</c> makes no request leave the service: the page, and every script, style, icon and
/// document it references, is served by the service itself, and neither the page nor the script
/// that configures Scalar names another host. (Scalar's bundle carries the addresses of its own
/// services, its proxy and its fonts among them, as defaults; the configuration turns each off,
/// and the page's Content-Security-Policy lets a browser reach no other host whatever a script
/// tries.)
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class ReferencePageTests(ApiFixture api)
{
    private const string Page = "/docs/";

    [GeneratedRegex("""\b(?:src|href)\s*=\s*["']([^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex SourceAttribute();

    [GeneratedRegex("""\bimport\b[^'"]*['"]([^'"]+)['"]""")]
    private static partial Regex ModuleImport();

    [GeneratedRegex("""initialize\(\s*'[^']*',\s*(?:true|false),\s*(\{.*\}),\s*'([^']*)'\s*\)""", RegexOptions.Singleline)]
    private static partial Regex Initialize();

    /// <summary>A URL with a host: <c>scheme://host</c>, or <c>//host</c> where an attribute, a string or a call would take it.</summary>
    [GeneratedRegex("""(?:[a-z][a-z0-9+.-]*:|(?<=["'`(=\s]))//[a-z0-9][a-z0-9.-]*""", RegexOptions.IgnoreCase)]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex("""<script\b[^>]*\bnonce="([^"]+)"[^>]*>""")]
    private static partial Regex ScriptNonce();

    [Fact]
    public async Task The_page_and_every_asset_it_references_are_served_by_the_service()
    {
        var (html, _) = await GetPageAsync();
        var configuration = ConfigurationOf(html);

        // Scripts, styles and the icon are fetched relative to the page; the documents' URLs are
        // resolved by Scalar's loader against the site's base (the page's path less /docs/).
        var page = new Uri(api.Client.BaseAddress!, Page);
        var referenced = SourceAttribute().Matches(html).Select(match => match.Groups[1].Value)
            .Concat(ModuleImport().Matches(html).Select(match => match.Groups[1].Value))
            .Append(configuration.GetProperty("favicon").GetString()!)
            .Select(reference => new Uri(page, reference))
            .Concat(configuration.GetProperty("sources").EnumerateArray().Select(source => new Uri(api.Client.BaseAddress!, source.GetProperty("url").GetString()!)))
            .Distinct()
            .ToList();

        Assert.Contains(new Uri(page, "scalar.js"), referenced);
        Assert.Contains(new Uri(api.Client.BaseAddress!, ApiDocument.Path), referenced);
        foreach (var reference in referenced)
        {
            Assert.Equal(api.Client.BaseAddress!.GetLeftPart(UriPartial.Authority), reference.GetLeftPart(UriPartial.Authority));
            using var asset = await api.Client.GetAsync(reference);
            Assert.True(asset.StatusCode == HttpStatusCode.OK, $"{reference} answered {asset.StatusCode}");
            Assert.True((await asset.Content.ReadAsByteArrayAsync()).Length > 0, $"{reference} is empty");
        }
    }

    [Fact]
    public async Task Neither_the_page_nor_the_scripts_configuration_names_another_host()
    {
        var (html, _) = await GetPageAsync();
        var configuration = ConfigurationOf(html);
        var configurationScript = await api.Client.GetStringAsync(Page + "scalar.aspnetcore.js");

        var absolute = AbsoluteUrl().Matches(html).Concat(AbsoluteUrl().Matches(configurationScript)).Select(match => match.Value)
            .Concat(Strings(configuration).Where(text => AbsoluteUrl().IsMatch(text)))
            .ToList();

        Assert.Empty(absolute);
        Assert.False(configuration.TryGetProperty("proxyUrl", out _), "no request proxy");
        Assert.False(configuration.TryGetProperty("proxy", out _), "no request proxy");
        Assert.False(configuration.GetProperty("withDefaultFonts").GetBoolean());
        Assert.False(configuration.GetProperty("telemetry").GetBoolean());
        Assert.True(configuration.GetProperty("agent").GetProperty("disabled").GetBoolean());
        Assert.True(configuration.GetProperty("mcp").GetProperty("disabled").GetBoolean());
        Assert.Equal("never", configuration.GetProperty("showDeveloperTools").GetString());
        Assert.True(configuration.GetProperty("hideClientButton").GetBoolean());
        Assert.Empty(Initialize().Match(html).Groups[2].Value);
    }

    [Fact]
    public async Task The_page_has_a_strict_content_security_policy_naming_no_other_host()
    {
        var (html, response) = await GetPageAsync();

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(directive => directive.Split(' ')[0], directive => directive.Split(' ')[1..]);
        var nonces = ScriptNonce().Matches(html).Select(match => match.Groups[1].Value).Distinct().ToList();

        Assert.Equal(["'none'"], directives["default-src"]);
        Assert.Equal(["'self'"], directives["connect-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.Equal(["'self'", $"'nonce-{Assert.Single(nonces)}'"], directives["script-src"]);
        Assert.Equal(3, ScriptNonce().Matches(html).Count);
        Assert.DoesNotContain("//", policy);
        Assert.DoesNotContain("*", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
    }

    [Fact]
    public async Task Each_page_gets_a_nonce_of_its_own()
    {
        var (first, _) = await GetPageAsync();
        var (second, _) = await GetPageAsync();

        Assert.NotEqual(ScriptNonce().Match(first).Groups[1].Value, ScriptNonce().Match(second).Groups[1].Value);
    }

    private async Task<(string Html, HttpResponseMessage Response)> GetPageAsync()
    {
        var response = await api.Client.GetAsync(Page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>The configuration the page hands Scalar's script.</summary>
    private static JsonElement ConfigurationOf(string html)
    {
        var call = Initialize().Match(html);
        Assert.True(call.Success, "the page configures Scalar through initialize(…)");
        return JsonDocument.Parse(call.Groups[1].Value).RootElement.Clone();
    }

    private static IEnumerable<string> Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Object => value.EnumerateObject().SelectMany(property => Strings(property.Value)),
        JsonValueKind.Array => value.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
