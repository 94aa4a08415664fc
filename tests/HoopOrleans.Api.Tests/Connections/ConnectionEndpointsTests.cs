using System.Net;
using System.Text.Json;
using HoopOrleans.Api.Connections;
using HoopOrleans.Api.Tests.Compatibility;

namespace HoopOrleans.Api.Tests.Connections;

/// <summary>
/// <c>GET /api/connections</c> and <c>/api/connections/{name}</c> on the embedded default, whose
/// one silo hosts every connection: hoop's fields, who sees what, and no secret in any answer.
/// </summary>
public sealed class ConnectionEndpointsTests(HoopHost hoop) : IClassFixture<HoopHost>
{
    private static string[] Names(JsonElement list) => [.. list.EnumerateArray().Select(item => item.GetProperty("name").GetString()!)];

    [Fact]
    public async Task An_admin_lists_every_connection_with_hoops_fields_and_the_node_that_serves_it()
    {
        using var root = hoop.As("root");
        using var response = await root.GetAsync("/api/connections");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = JsonDocument.Parse(text).RootElement;

        Assert.Equal(["bash", "gated", "pg"], Names(list));
        var pg = list.EnumerateArray().Single(item => item.GetProperty("name").GetString() == "pg");
        Assert.Equal(
            """{"id":"ID","name":"pg","command":["bash","-s"],"type":"database","subtype":"postgres","connection_tags":{"environment":"prod","team":"banking"},"status":"online","reviewers":[],"access_mode_exec":"enabled","access_mode_connect":"disabled","access_mode_runbooks":"disabled","resource_name":"pg","nodes":["NODE"]}""",
            pg.GetRawText().Replace(pg.GetProperty("id").GetString()!, "ID").Replace(pg.GetProperty("nodes")[0].GetString()!, "NODE"));
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", pg.GetProperty("id").GetString());
        Assert.Equal(ConnectionIds.Of("pg"), pg.GetProperty("id").GetString());

        // RFC 9562's name-based UUID of "pg" in the service's namespace, as Python's uuid.uuid5 computes it.
        Assert.Equal("72de7a51-8374-542b-b00a-2480a9ae8319", ConnectionIds.Of("pg"));
        Assert.NotEqual(ConnectionIds.Of("bash"), ConnectionIds.Of("pg"));
        Assert.Equal(["reviewer"], list[1].GetProperty("reviewers").EnumerateArray().Select(group => group.GetString()));
        Assert.DoesNotContain(HoopHost.PgSecret, text);
        Assert.DoesNotContain("PGPASSWORD", text);
    }

    [Fact]
    public async Task A_key_sees_the_connections_it_may_use_and_admins_and_auditors_see_all()
    {
        using var alice = hoop.As("alice");
        using var rita = hoop.As("rita");
        using var audrey = hoop.As("audrey");

        Assert.Equal(["bash", "gated", "pg"], Names((await alice.GetJsonAsync("/api/connections")).Body));
        Assert.Equal(["gated"], Names((await rita.GetJsonAsync("/api/connections")).Body));
        Assert.Equal(["bash", "gated", "pg"], Names((await audrey.GetJsonAsync("/api/connections")).Body));
        Assert.Equal("gated", (await rita.GetJsonAsync("/api/connections/gated")).Body.GetProperty("name").GetString());
        Http.AssertError(HttpStatusCode.NotFound, await rita.GetJsonAsync("/api/connections/pg"), "not found");
        Http.AssertError(HttpStatusCode.NotFound, await alice.GetJsonAsync("/api/connections/nope"), "not found");
    }

    [Fact]
    public async Task Without_a_key_the_listing_is_refused()
    {
        using var anonymous = new HttpClient { BaseAddress = hoop.Host.Client.BaseAddress };

        Http.AssertError(HttpStatusCode.Unauthorized, await anonymous.GetJsonAsync("/api/connections"), "access denied");
        Http.AssertError(HttpStatusCode.Unauthorized, await anonymous.GetJsonAsync("/api/connections/pg"), "access denied");
    }
}
