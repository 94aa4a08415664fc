using System.Net;
using System.Text.Json;

namespace HoopOrleans.Api.Tests.Auth;

/// <summary><c>GET /api/userinfo</c>: who a key is and what its roles allow, as hoop's clients ask.</summary>
public sealed class UserInfoTests(SecuredHost secured) : IClassFixture<SecuredHost>
{
    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetString()!)];

    [Fact]
    public async Task A_key_learns_its_name_roles_and_connections()
    {
        using var alice = secured.As("alice");
        var (status, body) = await alice.GetJsonAsync("/api/userinfo");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("alice", body.GetProperty("name").GetString());
        Assert.Equal("alice", body.GetProperty("id").GetString());
        Assert.Equal(["user"], Strings(body.GetProperty("groups")));
        Assert.False(body.GetProperty("is_admin").GetBoolean());
        Assert.Equal("standard", body.GetProperty("role").GetString());
        Assert.False(body.GetProperty("is_anonymous").GetBoolean());
        Assert.Equal(["bash", "gated", "vault"], Strings(body.GetProperty("connections")));
    }

    [Theory]
    [InlineData("root", "admin", true)]
    [InlineData("audrey", "auditor", false)]
    [InlineData("ravi", "standard", false)]
    public async Task The_role_is_hoops_name_for_the_keys_roles(string name, string role, bool admin)
    {
        using var client = secured.As(name);
        var (_, body) = await client.GetJsonAsync("/api/userinfo");

        Assert.Equal(role, body.GetProperty("role").GetString());
        Assert.Equal(admin, body.GetProperty("is_admin").GetBoolean());
    }

    [Fact]
    public async Task No_key_or_a_wrong_one_is_refused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await secured.Host.Client.GetAsync("/api/userinfo")).StatusCode);
        using var wrong = new HttpClient { BaseAddress = secured.Host.Client.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new("Bearer", "no-such-key");
        var (status, body) = await wrong.GetJsonAsync("/api/userinfo");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("access denied", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_answer_never_carries_the_key_or_a_connections_secret()
    {
        using var bob = secured.As("bob");
        var text = await bob.GetStringAsync("/api/userinfo");

        Assert.DoesNotContain(SecuredHost.KeyOf("bob"), text);
        Assert.DoesNotContain(SecuredHost.Secret, text);
    }
}
