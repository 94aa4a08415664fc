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

    public static string Id(this JsonElement body) => body.GetProperty("session_id").GetString()!;

    public static string Text(this JsonElement body, string name) => body.GetProperty(name).GetString()!;
}
