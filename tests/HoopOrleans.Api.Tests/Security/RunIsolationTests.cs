using System.Net;
using HoopOrleans.Api.Tests.Auth;

namespace HoopOrleans.Api.Tests.Security;

/// <summary>Under a root service every connection runs as a user of its own, walled off from the service and from each other.</summary>
public sealed class RunIsolationTests(SecuredHost secured) : IClassFixture<SecuredHost>
{
    private async Task<string> OutputAsync(string connection, string script)
    {
        using var bob = secured.As("bob");
        var (status, body) = await bob.PostAsync("/api/sessions", new { connection, script });
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("output").GetString()!;
    }

    [Fact]
    public async Task Each_connection_runs_as_a_uid_of_its_own_never_root()
    {
        var bash = (await OutputAsync("bash", "id -u")).Trim();
        var sh = (await OutputAsync("sh", "id -u")).Trim();
        var vault = (await OutputAsync("vault", "id -u")).Trim();

        Assert.DoesNotContain("0", new[] { bash, sh, vault });
        Assert.Equal(3, new[] { bash, sh, vault }.Distinct().Count());
        Assert.Equal("home", await OutputAsync("bash", "cd ~ && touch mine && [ \"$HOME\" = \"$PWD\" ] && [ \"$USER\" = \"$LOGNAME\" ] && echo -n home"));
    }

    [Fact]
    public async Task A_script_cannot_read_the_service_nor_another_connections_secret()
    {
        using var bob = secured.As("bob");
        var flag = Path.Combine(SharedFolders.Create("hoop-isolation-"), "pid");
        var (_, holder) = await bob.PostAsync("/api/sessions?wait=0", new { connection = "vault", script = $"echo $$ > {flag}; sleep 300" });
        var vaultPid = await ProcessProbe.ReadPidAsync(flag);

        var output = await OutputAsync("bash", $$"""
            for target in {{Environment.ProcessId}} {{vaultPid}}; do
              cat /proc/$target/environ > /dev/null 2>&1 && echo "read $target" || echo denied
              cat /proc/$target/mem > /dev/null 2>&1 && echo "mem $target" || echo denied
              kill -0 $target 2>/dev/null && echo "signal $target" || echo denied
            done
            """);
        using (await bob.PostAsync($"/api/sessions/{holder.GetProperty("session_id").GetString()}/kill", null))
        {
        }

        Assert.Equal(string.Concat(Enumerable.Repeat("denied\n", 6)), output);
        Assert.DoesNotContain(SecuredHost.Secret, output);
    }
}
