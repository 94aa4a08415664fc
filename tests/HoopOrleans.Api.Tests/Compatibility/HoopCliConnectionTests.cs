using System.Text;
using System.Text.Json;
using HoopOrleans.Api.Tests.Auth;

namespace HoopOrleans.Api.Tests.Compatibility;

/// <summary>
/// <c>hoop admin get connections</c> replayed byte for byte, its answer decoded as the CLI decodes
/// it (a list of <c>map[string]any</c>, or one for a name) and its row printed as the CLI prints
/// it (client/cmd/admin/get.go: NAME, COMMAND as <c>joinCmd</c> quotes it, TYPE, STATUS, TAGS).
/// </summary>
public sealed class HoopCliConnectionTests(HoopHost hoop) : IClassFixture<HoopHost>
{
    private Uri Api => hoop.Host.Client.BaseAddress!;

    [Fact]
    public void The_cli_asks_for_connections_with_its_headers_and_no_trailing_slash()
    {
        var list = Encoding.ASCII.GetString(HoopCli.AdminGetConnections(new Uri("http://127.0.0.1:8009"), "k"));
        var one = Encoding.ASCII.GetString(HoopCli.AdminGetConnections(new Uri("http://127.0.0.1:8009"), "k", "pg"));

        Assert.Equal(
            "GET /api/connections HTTP/1.1\r\nHost: 127.0.0.1:8009\r\nUser-Agent: hoopcli/1.35.12\r\nApi-Key: k\r\nAuthorization: Bearer k\r\n" +
            "Content-Type: application/json\r\nAccept-Encoding: gzip\r\n\r\n",
            list);
        Assert.StartsWith("GET /api/connections/pg HTTP/1.1\r\n", one);
    }

    [Fact]
    public async Task Admin_get_connections_decodes_as_the_cli_list_and_prints_its_columns()
    {
        var response = await RawHttp.SendAsync(Api, HoopCli.AdminGetConnections(Api, TestKeys.KeyOf("alice")));
        Assert.True(response.Status == 200, $"{response.Status}: {response.Text}");
        Assert.StartsWith("application/json", response.Header("Content-Type"));

        var rows = JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(response.Body)!;

        Assert.Equal(
            ["bash [ \"bash\" \"-s\" ] custom online ", "gated [ \"bash\" \"-s\" ] custom online ", "pg [ \"bash\" \"-s\" ] database online environment=prod,team=banking"],
            rows.Select(Printed));
    }

    [Fact]
    public async Task Admin_get_connection_by_name_decodes_as_one_object()
    {
        var response = await RawHttp.SendAsync(Api, HoopCli.AdminGetConnections(Api, TestKeys.KeyOf("alice"), "pg"));
        Assert.Equal(200, response.Status);

        var connection = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(response.Body)!;

        Assert.Equal("pg [ \"bash\" \"-s\" ] database online environment=prod,team=banking", Printed(connection));
        Assert.Equal(JsonValueKind.Array, connection["nodes"].ValueKind);
    }

    /// <summary>A row of <c>hoop admin get connections --tags</c>, less the agent, secrets and plugins columns this service has none of; <c>joinMap</c> prints no tags as nothing.</summary>
    private static string Printed(Dictionary<string, JsonElement> m)
    {
        var command = "[ " + string.Join(' ', m["command"].EnumerateArray().Select(arg => JsonSerializer.Serialize(arg.GetString()))) + " ]";
        var tags = m["connection_tags"].EnumerateObject().Select(tag => $"{tag.Name}={tag.Value.GetString()}").ToList();
        return $"{m["name"].GetString()} {command} {m["type"].GetString()} {m["status"].GetString()} {string.Join(',', tags)}";
    }
}
