using System.Net;

namespace HoopOrleans.Api.Tests.Sessions;

[Collection(ApiCollection.Name)]
public sealed class ControlTests(ApiFixture fixture)
{
    [Fact]
    public async Task Kill_ends_the_whole_process_tree_and_records_it()
    {
        var pidFile = Path.Combine(Path.GetTempPath(), $"hoop-{Guid.NewGuid():N}");
        var (_, created) = await fixture.Client.PostAsync("/api/sessions?wait=0", new { connection = "bash", script = $"sleep 300 & echo $! > '{pidFile}'; wait" });
        var id = created.GetProperty("session_id").GetString();
        var child = await ProcessProbe.ReadPidAsync(pidFile);

        using var kill = await fixture.Client.PostAsync($"/api/sessions/{id}/kill", null);
        var (_, session) = await fixture.Client.GetJsonAsync($"/api/sessions/{id}");

        Assert.Equal(HttpStatusCode.NoContent, kill.StatusCode);
        Assert.Equal("done", session.GetProperty("status").GetString());
        Assert.Equal("failed", session.GetProperty("output_status").GetString());
        Assert.Equal(254, session.GetProperty("exit_code").GetInt32());
        Assert.Equal("killed", session.GetProperty("failure_reason").GetString());
        Assert.True(await ProcessProbe.WaitUntilGoneAsync(child), $"background child {child} outlived the kill");
        File.Delete(pidFile);
    }

    [Fact]
    public async Task Killing_a_finished_session_is_a_no_op_that_keeps_its_result()
    {
        var (_, created) = await fixture.Client.PostAsync("/api/sessions", new { connection = "bash", script = "echo kept" });
        var id = created.GetProperty("session_id").GetString();

        using var kill = await fixture.Client.PostAsync($"/sessions/{id}/kill", null);
        var (_, session) = await fixture.Client.GetJsonAsync($"/api/sessions/{id}");

        Assert.Equal(HttpStatusCode.NoContent, kill.StatusCode);
        Assert.Equal(0, session.GetProperty("exit_code").GetInt32());
        Assert.Equal("kept\n", session.GetProperty("output").GetString());
    }

    [Theory]
    [InlineData("/api/sessions/6f1c1c1e-2b7a-4c51-9a39-0d2d0f8f7a11/kill")]
    [InlineData("/api/sessions/not-an-id/kill")]
    public async Task Killing_an_unknown_session_is_404(string path)
    {
        Http.AssertError(HttpStatusCode.NotFound, await Http.ReadAsync(await fixture.Client.PostAsync(path, null)), "not found");
    }

    [Fact]
    public async Task A_long_poll_answers_when_the_run_ends()
    {
        var flag = Path.Combine(Path.GetTempPath(), $"hoop-{Guid.NewGuid():N}");
        var (_, created) = await fixture.Client.PostAsync("/api/sessions?wait=0", new { connection = "bash", script = $"while [ ! -e '{flag}' ]; do sleep 0.02; done; echo woke" });

        var poll = fixture.Client.GetJsonAsync($"/api/sessions/{created.GetProperty("session_id").GetString()}?wait=120");
        await File.WriteAllTextAsync(flag, "");
        var (_, session) = await poll;

        Assert.Equal("done", session.GetProperty("status").GetString());
        Assert.Equal("woke\n", session.GetProperty("output").GetString());
        File.Delete(flag);
    }
}
