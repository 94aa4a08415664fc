using System.Net;

namespace HoopOrleans.Api.Tests.Sessions;

/// <summary>
/// The embedded store's byte cap through the API: the sessions that ended first go when new ones
/// push the store past <c>Retention:MaxStoredBytes</c>, and a deleted session reads 404 everywhere.
/// </summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task Past_the_byte_cap_the_first_finished_sessions_are_gone_and_the_newest_stay()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string>
        {
            ["Retention:MaxStoredBytes"] = (300 * 1024).ToString(),
        });
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            // 100 KB of output each: three fit under the cap, six do not.
            var (status, body) = await host.Client.PostAsync("/api/sessions", new { connection = "bash", script = $"head -c 100000 /dev/zero | tr '\\0' '{i}'" });
            Assert.Equal(HttpStatusCode.OK, status);
            ids.Add(body.GetProperty("session_id").GetString()!);
        }

        var (first, _) = await host.Client.GetJsonAsync($"/api/sessions/{ids[0]}");
        var (last, newest) = await host.Client.GetJsonAsync($"/api/sessions/{ids[^1]}");
        var (_, list) = await host.Client.GetJsonAsync("/api/sessions?limit=100");

        Assert.Equal(HttpStatusCode.NotFound, first);
        Assert.Equal(HttpStatusCode.OK, last);
        Assert.Equal(100000, newest.GetProperty("output").GetString()!.Length);
        var listed = list.GetProperty("data").EnumerateArray().Select(item => item.GetProperty("id").GetString()).ToList();
        Assert.DoesNotContain(ids[0], listed);
        Assert.Contains(ids[^1], listed);
        Assert.InRange(listed.Count, 1, 3);
    }

    [Fact]
    public async Task Deleting_a_session_the_byte_cap_removed_while_its_activation_held_it_is_404()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string>
        {
            ["Retention:MaxStoredBytes"] = (300 * 1024).ToString(),
        });
        var (_, first) = await host.Client.PostAsync("/api/sessions", new { connection = "bash", script = "head -c 100000 /dev/zero" });
        var id = first.GetProperty("session_id").GetString()!;

        // A read keeps the finished session's activation, holding the version it read, while newer
        // sessions push the store past its cap and the first one out.
        var (read, _) = await host.Client.GetJsonAsync($"/api/sessions/{id}");
        for (var i = 0; i < 4; i++)
        {
            await host.Client.PostAsync("/api/sessions", new { connection = "bash", script = "head -c 100000 /dev/zero" });
        }

        using var delete = await host.Client.DeleteAsync($"/api/sessions/{id}");
        var (after, _) = await host.Client.GetJsonAsync($"/api/sessions/{id}");

        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after);
    }
}
