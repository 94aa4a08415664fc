using System.Net;
using System.Text;
using System.Text.Json;

namespace HoopOrleans.Api.Tests;

public static class Http
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(object body) => Json(JsonSerializer.Serialize(body));

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(this HttpClient client, string path, object body) =>
        await ReadAsync(await client.PostAsync(path, body is string raw ? Json(raw) : Json(body)));

    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(this HttpClient client, string path) =>
        await ReadAsync(await client.GetAsync(path));

    public static async Task<(HttpStatusCode Status, JsonElement Body)> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType ?? "");
            return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
        }
    }

    /// <summary>Asserts the contract's error shape: the status and a body that is exactly <c>{"message": …}</c>.</summary>
    public static void AssertError(HttpStatusCode expected, (HttpStatusCode Status, JsonElement Body) answer, string? message = null)
    {
        Assert.Equal(expected, answer.Status);
        var property = Assert.Single(answer.Body.EnumerateObject());
        Assert.Equal("message", property.Name);
        Assert.Equal(JsonValueKind.String, property.Value.ValueKind);
        if (message is not null)
        {
            Assert.Equal(message, property.Value.GetString());
        }
    }
}
