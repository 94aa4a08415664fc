using System.Net;
using System.Text;
using System.Text.Json;

namespace HoopOrleans.Cluster.Tests;

public static class Json
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(this HttpClient client, string path, object body)
    {
        var json = body as string ?? JsonSerializer.Serialize(body);
        using var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>
    /// The session at <paramref name="path"/> once the cluster has moved it off a dead silo: a read
    /// that still met the dead silo answers 503, and the next finds the session's new activation (the
    /// README's "A call that was on its way to a silo ... when it died").
    /// </summary>
    public static async Task<JsonElement> GetMovedSessionAsync(this HttpClient client, string path)
    {
        var (status, body) = await client.GetJsonAsync(path);
        if (status == HttpStatusCode.ServiceUnavailable)
        {
            (status, body) = await client.GetJsonAsync(path);
        }

        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    public static string Id(this JsonElement body) =>
        body.TryGetProperty("session_id", out var id) ? id.GetString()! : throw new Xunit.Sdk.XunitException($"no session_id in {body}");

    public static string Text(this JsonElement body, string name) => body.GetProperty(name).GetString()!;
}
