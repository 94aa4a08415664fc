using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HoopOrleans.Api.Tests.Sessions;

[Collection(ApiCollection.Name)]
public sealed partial class RunSessionTests(ApiFixture fixture)
{
    private static readonly string[] RunFields = ["session_id", "exit_code", "output", "output_status", "execution_time", "has_review", "truncated"];

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex UuidV4();

    [Theory]
    [InlineData("/api/sessions")]
    [InlineData("/sessions")]
    public async Task A_run_that_finishes_in_time_answers_200_with_the_seven_fields(string path)
    {
        var (status, body) = await fixture.Client.PostAsync(path, new
        {
            client_args = new[] { "hello world" },
            connection = "bash",
            labels = new { },
            metadata = new { },
            script = "echo \"$1\"",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(RunFields, body.EnumerateObject().Select(p => p.Name));
        Assert.Matches(UuidV4(), body.GetProperty("session_id").GetString());
        Assert.Equal(0, body.GetProperty("exit_code").GetInt32());
        Assert.Equal("hello world\n", body.GetProperty("output").GetString());
        Assert.Equal("success", body.GetProperty("output_status").GetString());
        Assert.True(body.GetProperty("execution_time").GetInt64() >= 0);
        Assert.False(body.GetProperty("has_review").GetBoolean());
        Assert.False(body.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task The_hoop_example_runs_its_script_with_the_arguments_as_positional_parameters()
    {
        var (status, body) = await fixture.Client.PostAsync("/api/sessions", """
            {"client_args": ["hello world"], "connection": "bash", "labels": {}, "metadata": {}, "script": "echo"}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("\n", body.GetProperty("output").GetString());
        Assert.Equal("success", body.GetProperty("output_status").GetString());
    }

    [Fact]
    public async Task A_failing_run_reports_its_exit_code_and_failed()
    {
        var (status, body) = await fixture.Client.PostAsync("/api/sessions", new { connection = "bash", script = "echo out; echo err >&2; exit 3" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, body.GetProperty("exit_code").GetInt32());
        Assert.Equal("failed", body.GetProperty("output_status").GetString());
        Assert.Equal("out\nerr\n", body.GetProperty("output").GetString());
    }

    [Fact]
    public async Task A_missing_program_inside_bash_is_127()
    {
        var (_, body) = await fixture.Client.PostAsync("/api/sessions", new { connection = "bash", script = "hoop_no_such_program" });

        Assert.Equal(127, body.GetProperty("exit_code").GetInt32());
    }

    [Fact]
    public async Task Unicode_output_comes_back_as_written()
    {
        var (_, body) = await fixture.Client.PostAsync("/api/sessions", new { connection = "bash", script = "printf 'héllo 漢字 🚀\\n'" });

        Assert.Equal("héllo 漢字 🚀\n", body.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Long_output_with_characters_split_across_pieces_and_control_bytes_arrives_whole()
    {
        // 3-byte and 4-byte characters and control bytes, so the pieces the answer is written in cut through characters.
        const string Line = "漢字🚀\u0001 \"quoted\" \\ tab\t ok\n";
        var (status, body) = await fixture.Client.PostAsync("/api/sessions", new
        {
            connection = "bash",
            script = "for i in $(seq 1 8000); do printf '漢字🚀\\001 \"quoted\" \\\\ tab\\t ok\\n'; done",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(string.Concat(Enumerable.Repeat(Line, 8000)), body.GetProperty("output").GetString());
        Assert.False(body.GetProperty("truncated").GetBoolean());

        var (_, read) = await fixture.Client.GetJsonAsync($"/api/sessions/{body.GetProperty("session_id").GetString()}");
        Assert.Equal(string.Concat(Enumerable.Repeat(Line, 8000)), read.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Invalid_utf8_output_is_replaced_and_the_answer_stays_valid_json()
    {
        var (status, body) = await fixture.Client.PostAsync("/api/sessions", new { connection = "bash", script = "printf 'a\\xffb\\xc3'" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("a\uFFFDb\uFFFD", body.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Client_args_that_look_like_shell_reach_the_program_verbatim()
    {
        string[] args = ["$HOME;rm -rf x", "`id`", "$(whoami)", "a b", "'single' \"double\"", "|&;<>*?"];

        var (_, body) = await fixture.Client.PostAsync("/api/sessions", new
        {
            connection = "bash",
            script = "for a in \"$@\"; do printf '[%s]' \"$a\"; done",
            client_args = args,
        });

        Assert.Equal(string.Concat(args.Select(a => $"[{a}]")), body.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Bash_options_in_client_args_act_as_options()
    {
        var (_, body) = await fixture.Client.PostAsync("/api/sessions", new { connection = "bash", script = "echo traced", client_args = new[] { "-x" } });

        Assert.Equal("+ echo traced\ntraced\n", body.GetProperty("output").GetString());
    }

    [Fact]
    public async Task A_run_longer_than_the_wait_answers_202_and_can_be_polled_to_its_end()
    {
        var flag = Path.Combine(Path.GetTempPath(), $"hoop-{Guid.NewGuid():N}");
        using var response = await fixture.Client.PostAsync("/api/sessions?wait=0", Http.Json(new
        {
            connection = "bash",
            script = $"while [ ! -e '{flag}' ]; do sleep 0.02; done; echo finished",
        }));
        var (status, body) = await Http.ReadAsync(response);
        var id = body.GetProperty("session_id").GetString();

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal($"/api/sessions/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(RunFields, body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(-2, body.GetProperty("exit_code").GetInt32());
        Assert.Equal("", body.GetProperty("output").GetString());
        Assert.Equal("running", body.GetProperty("output_status").GetString());
        Assert.Equal(0, body.GetProperty("execution_time").GetInt64());

        var (_, running) = await fixture.Client.GetJsonAsync($"/api/sessions/{id}");
        Assert.Equal("running", running.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, running.GetProperty("exit_code").ValueKind);

        await File.WriteAllTextAsync(flag, "");
        var (_, done) = await fixture.Client.GetJsonAsync($"/api/sessions/{id}?wait=60");
        Assert.Equal("done", done.GetProperty("status").GetString());
        Assert.Equal("success", done.GetProperty("output_status").GetString());
        Assert.Equal("finished\n", done.GetProperty("output").GetString());
        File.Delete(flag);
    }

    [Fact]
    public async Task A_wait_with_a_fraction_is_honoured()
    {
        var (status, _) = await fixture.Client.PostAsync("/api/sessions?wait=0.05", new { connection = "bash", script = "read -t 30 line < /dev/zero; sleep 30" });

        Assert.Equal(HttpStatusCode.Accepted, status);
    }

    [Fact]
    public async Task Fifty_concurrent_runs_keep_their_own_output()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            fixture.Client.PostAsync("/api/sessions", new { connection = "bash", script = "for n in 1 2 3; do echo \"$1-$n\"; done", client_args = new[] { $"run{i}" } })));

        for (var i = 0; i < answers.Length; i++)
        {
            Assert.Equal(HttpStatusCode.OK, answers[i].Status);
            Assert.Equal($"run{i}-1\nrun{i}-2\nrun{i}-3\n", answers[i].Body.GetProperty("output").GetString());
        }

        Assert.Equal(50, answers.Select(a => a.Body.GetProperty("session_id").GetString()).Distinct().Count());
    }
}
