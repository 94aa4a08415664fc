using System.Net;
using System.Text.Json;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Tests.Auth;

/// <summary>
/// A reviewer key reviews only on its own connections (<c>Auth:Keys:&lt;name&gt;:Connections</c>):
/// rita may use gated, not guarded. A session outside its scope answers as one it cannot see, 404;
/// a reviewer with <c>*</c> (ravi) and admins keep every connection. And an approved session runs
/// only while its requester's key still may use its connection.
/// </summary>
public sealed class ReviewerScopeTests(SecuredHost secured) : IClassFixture<SecuredHost>
{
    private async Task<string> RequestAsync(string who, string connection, string script = "echo reviewed")
    {
        using var client = secured.As(who);
        var (status, body) = await client.PostAsync("/api/sessions", new { connection, script });
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("session_id").GetString()!;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ReviewAsync(string reviewer, string id, string status)
    {
        using var client = secured.As(reviewer);
        return await Http.ReadAsync(await client.PutAsync($"/api/sessions/{id}/review", Http.Json(new { status })));
    }

    private async Task<string[]> ListAsync(string who, string query)
    {
        using var client = secured.As(who);
        var (status, page) = await client.GetJsonAsync($"/api/sessions?limit=100{query}");
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. page.GetProperty("data").EnumerateArray().Select(item => item.GetProperty("id").GetString()!)];
    }

    [Fact]
    public async Task A_reviewer_cannot_list_read_or_review_a_session_on_a_connection_outside_its_key()
    {
        var onGuarded = await RequestAsync("bob", "guarded");
        using var rita = secured.As("rita");

        Assert.DoesNotContain(onGuarded, await ListAsync("rita", "&review.status=PENDING"));
        Assert.DoesNotContain(onGuarded, await ListAsync("rita", ""));
        Http.AssertError(HttpStatusCode.NotFound, await rita.GetJsonAsync($"/api/sessions/{onGuarded}"));
        Http.AssertError(HttpStatusCode.NotFound, await rita.GetJsonAsync($"/api/sessions/{onGuarded}/stream"));
        Http.AssertError(HttpStatusCode.NotFound, await ReviewAsync("rita", onGuarded, "APPROVED"));
        Http.AssertError(HttpStatusCode.NotFound, await ReviewAsync("rita", onGuarded, "REJECTED"));

        // Nothing changed: it still waits, for reviewers who may use guarded.
        using var ravi = secured.As("ravi");
        var (_, session) = await ravi.GetJsonAsync($"/api/sessions/{onGuarded}");
        Assert.Equal(("open", "PENDING"), (session.GetProperty("status").GetString(), session.GetProperty("review").GetProperty("status").GetString()));
        Assert.Contains(onGuarded, await ListAsync("ravi", "&review.status=PENDING"));
        Assert.DoesNotContain(onGuarded, await ListAsync("root", "&review.approver=rita"));
        Assert.Contains(onGuarded, await ListAsync("root", "&review.approver=ravi"));
    }

    [Fact]
    public async Task A_reviewer_lists_reads_and_reviews_a_session_on_its_keys_connection()
    {
        var onGated = await RequestAsync("alice", "gated");
        using var rita = secured.As("rita");

        Assert.Contains(onGated, await ListAsync("rita", "&review.status=PENDING"));
        Assert.Contains(onGated, await ListAsync("root", "&review.approver=rita"));
        var (status, session) = await rita.GetJsonAsync($"/api/sessions/{onGated}");
        Assert.Equal((HttpStatusCode.OK, "open"), (status, session.GetProperty("status").GetString()));
        var approved = await ReviewAsync("rita", onGated, "APPROVED");
        Assert.Equal((HttpStatusCode.OK, "ready", "rita"), (approved.Status, approved.Body.GetProperty("status").GetString(), approved.Body.GetProperty("review").GetProperty("reviewed_by").GetString()));
    }

    [Fact]
    public async Task Exec_is_refused_with_403_when_the_requesters_key_no_longer_may_use_the_connection()
    {
        // Alice's key once named guarded: she asked, ravi approved. Her key names it no more.
        var marker = Path.Combine(Path.GetTempPath(), $"hoop-{Guid.NewGuid():N}");
        var approvedEarlier = StoredSessions.Waiting("alice", "guarded", $"echo ran > '{marker}'", DateTimeOffset.UtcNow) with
        {
            Status = SessionStatus.Ready,
            Review = new SessionReview { Status = SessionReview.Approved, ReviewedBy = "ravi", ReviewDate = DateTimeOffset.UtcNow },
        };
        await StoredSessions.StoreAsync(secured.Host, approvedEarlier);
        using var alice = secured.As("alice");

        var exec = await Http.ReadAsync(await alice.PostAsync($"/api/sessions/{approvedEarlier.Id}/exec", null));

        Http.AssertError(HttpStatusCode.Forbidden, exec, "this key may no longer use connection guarded");
        var (_, session) = await alice.GetJsonAsync($"/api/sessions/{approvedEarlier.Id}");
        Assert.Equal("ready", session.GetProperty("status").GetString());
        Assert.False(File.Exists(marker));

        // A key that still may use the connection runs its approved session.
        var bobs = await RequestAsync("bob", "guarded", $"echo ran > '{marker}'");
        await ReviewAsync("ravi", bobs, "APPROVED");
        using var bob = secured.As("bob");
        var ran = await Http.ReadAsync(await bob.PostAsync($"/api/sessions/{bobs}/exec", null));
        Assert.Equal((HttpStatusCode.OK, 0), (ran.Status, ran.Body.GetProperty("exit_code").GetInt32()));
        Assert.Equal("ran\n", await File.ReadAllTextAsync(marker));
        File.Delete(marker);
    }
}
