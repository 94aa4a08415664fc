using System.Text.Json;
using Microsoft.OpenApi;

namespace HoopOrleans.Api.Tests.OpenApi;

/// <summary>
/// The service's OpenAPI document as a client gets it: read by Microsoft.OpenApi's reader, which
/// also checks it against the specification, and as plain JSON, for the names exactly as written.
/// </summary>
public sealed record ApiDocument(OpenApiDocument Model, JsonElement Json)
{
    public const string Path = "/openapi/v1.json";

    public static async Task<ApiDocument> FetchAsync(HttpClient client)
    {
        using var response = await client.GetAsync(Path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var (model, diagnostic) = await OpenApiDocument.LoadAsync(new MemoryStream(bytes), "json");
        Assert.Empty(diagnostic?.Errors ?? []);
        Assert.NotNull(model);
        return new ApiDocument(model, JsonDocument.Parse(bytes).RootElement.Clone());
    }

    /// <summary>The operation at <paramref name="path"/> for <paramref name="method"/>, which must be there.</summary>
    public OpenApiOperation Operation(string path, HttpMethod method)
    {
        Assert.True(Model.Paths.TryGetValue(path, out var item), $"{path} is not in the document");
        OpenApiOperation? operation = null;
        Assert.True(item.Operations?.TryGetValue(method, out operation) == true, $"{method} {path} is not in the document");
        return operation!;
    }

    /// <summary>The property names of a component schema, as the document writes them.</summary>
    public IReadOnlySet<string> PropertiesOf(string schema) =>
        Json.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties")
            .EnumerateObject().Select(property => property.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The required property names of a component schema.</summary>
    public IReadOnlySet<string> RequiredOf(string schema) =>
        Json.GetProperty("components").GetProperty("schemas").GetProperty(schema).TryGetProperty("required", out var required)
            ? required.EnumerateArray().Select(name => name.GetString()!).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();
}
