using System.Net;
using Grpc.Core;
using HoopOrleans.Api.Tests.Auth;
using HoopOrleans.Testing.Hoop;

namespace HoopOrleans.Api.Tests.Grpc;

/// <summary>
/// <c>hoop exec</c> over hoop's gRPC transport, replayed packet by packet as hoop's CLI sends it
/// (<see cref="HoopCli"/>), against the real front end: output, exit codes, arguments, refusals
/// with hoop's statuses, reviews, a client going away, and a large output in pieces.
/// </summary>
public sealed class HoopExecTests(HoopExecFixture fixture) : IClassFixture<HoopExecFixture>
{
    private HoopCli As(string name) => new(fixture.Grpc, TestKeys.KeyOf(name));

    private async Task ReviewAsync(string id, object review)
    {
        using var response = await TestKeys.ClientAs(fixture.Host, "rita").PutAsync($"/api/sessions/{id}/review", Http.Json(review));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static byte[] Gob(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Grpc", "Fixtures", name));

    [Theory]
    [InlineData("echo hello", 0, "hello\n")]
    [InlineData("echo failing >&2; exit 3", 3, "failing\n")]
    [InlineData("echo killed; kill -9 $$", 137, "killed\n")]
    public async Task A_script_runs_and_the_cli_gets_its_output_and_exit_code(string script, int exitCode, string output)
    {
        var result = await As("alice").ExecAsync("bash", script);

        Assert.Equal((exitCode, output), (result.ExitCode, result.Output));
        Assert.Equal(["ClientSessionOpenOK", "ClientWriteStdout", "ClientSessionClose"], result.Packets);
        var (status, session) = await TestKeys.ClientAs(fixture.Host, "alice").GetJsonAsync($"/api/sessions/{result.SessionId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("alice", exitCode), (session.GetProperty("user").GetString(), session.GetProperty("exit_code").GetInt32()));
    }

    [Fact]
    public async Task A_multi_line_script_from_a_file_runs_whole()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("hoop-exec-").FullName, "script.sh");
        await File.WriteAllTextAsync(file, "for i in 1 2 3; do\n  echo \"line $i\"\ndone\ncat <<'END'\n$HOME is not expanded here\nEND\n");

        var result = await As("alice").ExecAsync("bash", await File.ReadAllTextAsync(file));

        Assert.Equal((0, "line 1\nline 2\nline 3\n$HOME is not expanded here\n"), (result.ExitCode, result.Output));
    }

    [Fact]
    public async Task Arguments_arrive_as_argv_never_as_shell_text()
    {
        var result = await As("alice").ExecAsync("argv", "printf '[%s]\\n' \"$@\"", argsGob: Gob("args-several.gob"));

        Assert.Equal((0, "[--verbose]\n[-c]\n[a b c]\n[echo \"it's\" $(rm -rf /)]\n[héllo 世界]\n[]\n"), (result.ExitCode, result.Output));
    }

    [Fact]
    public async Task Environment_variables_are_refused_with_a_message()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => As("alice").ExecAsync("bash", "env", envVarsGob: Gob("envvars-map.gob")));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("terminal.envvars", refused.Status.Detail);
    }

    [Fact]
    public async Task Arguments_that_are_not_a_list_of_strings_are_refused()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => As("alice").ExecAsync("bash", "true", argsGob: Gob("ints.gob")));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith("terminal.args: ", refused.Status.Detail);
    }

    [Theory]
    [InlineData("alice", "nope")]
    [InlineData("bob", "bash")]
    public async Task A_connection_that_is_unknown_or_not_the_keys_is_not_found(string key, string connection)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => As(key).ExecAsync(connection, "true"));

        Assert.Equal((StatusCode.NotFound, "connection not found"), (refused.StatusCode, refused.Status.Detail));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-key")]
    public async Task Without_a_valid_key_the_stream_is_unauthenticated(string token)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => new HoopCli(fixture.Grpc, token).ExecAsync("bash", "true"));

        Assert.Equal((StatusCode.Unauthenticated, "access denied"), (refused.StatusCode, refused.Status.Detail));
    }

    [Fact]
    public async Task A_key_that_may_not_run_is_denied()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => As("audrey").ExecAsync("bash", "true"));

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task A_reviewed_run_waits_for_its_approval_by_another_key_and_runs_once()
    {
        var reviewUrl = "";
        var result = await As("alice").ExecAsync("gated", "echo approved run", onWaitingApproval: async url =>
        {
            reviewUrl = url;
            var id = url[(url.LastIndexOf('/') + 1)..];
            await ReviewAsync(id, new { status = "APPROVED" });
        });

        Assert.Equal((0, "approved run\n"), (result.ExitCode, result.Output));
        Assert.Equal(["ClientSessionOpenWaitingApproval", "ClientSessionOpenApproveOK", "ClientSessionOpenOK", "ClientWriteStdout", "ClientSessionClose"], result.Packets);
        Assert.Equal($"{fixture.Host.Client.BaseAddress!.ToString().TrimEnd('/')}/sessions/{result.SessionId}", reviewUrl);
    }

    [Fact]
    public async Task A_rejected_run_closes_with_hoops_denial_and_the_reason()
    {
        var result = await As("alice").ExecAsync("gated", "echo never", onWaitingApproval: async url =>
        {
            var id = url[(url.LastIndexOf('/') + 1)..];
            await ReviewAsync(id, new { status = "REJECTED", rejection_reason = "not\u001b[31m today" });
        });

        Assert.Equal((254, ""), (result.ExitCode, result.Output));
        Assert.Equal("Access to connection has been denied\n  Reason: not [31m today\n  Rejected by rita", result.Error);
    }

    [Fact]
    public async Task A_client_that_goes_away_mid_run_kills_the_run()
    {
        var result = await As("alice").ExecAsync("bash", "echo started; sleep 300; echo finished", goAwayWhen: output => output.Contains("started", StringComparison.Ordinal));

        var (status, session) = await TestKeys.ClientAs(fixture.Host, "alice").GetJsonAsync($"/api/sessions/{result.SessionId}?wait=60");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("done", "killed"), (session.GetProperty("status").GetString(), session.GetProperty("failure_reason").GetString()));
        Assert.DoesNotContain("finished", session.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Four_mebibytes_of_output_arrive_whole_in_pieces()
    {
        var result = await As("alice").ExecAsync("bash", "head -c 4194304 /dev/zero | tr '\\0' 'x'");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(4 * 1024 * 1024, result.Output.Length);
        Assert.All(result.Output, character => Assert.Equal('x', character));
        Assert.True(result.Packets.Count(type => type == "ClientWriteStdout") >= 64, $"{result.Packets.Count} packets");
    }

    [Fact]
    public async Task A_run_the_service_ends_closes_with_254_and_its_reason()
    {
        var killed = false;
        var result = await As("alice").ExecAsync("bash", "echo started; sleep 300", onOutput: async output =>
        {
            if (!killed && output.Contains("started", StringComparison.Ordinal))
            {
                killed = true;
                var id = (await TestKeys.ClientAs(fixture.Host, "alice").GetJsonAsync("/api/sessions?limit=1")).Body.GetProperty("data")[0].GetProperty("id").GetString();
                using var kill = await TestKeys.ClientAs(fixture.Host, "alice").PostAsync($"/api/sessions/{id}/kill", null);
                Assert.Equal(HttpStatusCode.NoContent, kill.StatusCode);
            }
        });

        Assert.Equal((254, "started\n", "killed"), (result.ExitCode, result.Output, result.Error));
    }

    [Fact]
    public async Task The_same_correlation_id_runs_its_script_once()
    {
        var correlation = $"workflow-{Guid.NewGuid():N}";

        var first = await As("alice").ExecAsync("bash", "echo $RANDOM$RANDOM", correlationId: correlation);
        var second = await As("alice").ExecAsync("bash", "echo $RANDOM$RANDOM", correlationId: correlation);

        Assert.Equal(first.SessionId, second.SessionId);
        Assert.Equal((0, first.Output), (second.ExitCode, second.Output));
    }

    [Fact]
    public async Task An_interactive_connect_is_unimplemented_and_says_exec_works()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => As("alice").ExecAsync("bash", "true", verb: "connect"));

        Assert.Equal(StatusCode.Unimplemented, refused.StatusCode);
        Assert.Contains("hoop exec", refused.Status.Detail);
    }
}
