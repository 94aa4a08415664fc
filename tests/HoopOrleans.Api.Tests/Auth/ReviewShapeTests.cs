using System.Net;
using System.Text.Json;
using HoopOrleans.Api.Tests.Compatibility;
using static HoopOrleans.Api.Tests.Compatibility.JsonShape;

namespace HoopOrleans.Api.Tests.Auth;

/// <summary>
/// A session's <c>review</c> in hoop.dev's <c>SessionReview</c> shape: one one-time review by the
/// <c>reviewer</c> group, with one approval needed, before and after the decision.
/// </summary>
public sealed class ReviewShapeTests(HoopHost hoop) : IClassFixture<HoopHost>
{
    private async Task<string> RequestAsync()
    {
        using var alice = hoop.As("alice");
        var (status, created) = await alice.PostAsync("/api/sessions", new { connection = "gated", script = "echo reviewed" });
        Assert.Equal(HttpStatusCode.OK, status);
        return created.GetProperty("session_id").GetString()!;
    }

    private async Task<JsonElement> ReadAsync(string id)
    {
        using var alice = hoop.As("alice");
        var (status, session) = await alice.GetJsonAsync($"/api/sessions/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        return session;
    }

    private async Task ReviewAsync(string reviewer, string id, string status, string? reason = null)
    {
        using var client = hoop.As(reviewer);
        using var response = await client.PutAsync($"/api/sessions/{id}/review", Http.Json(new { status, rejection_reason = reason }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The fields every review has, whatever its state.</summary>
    private static JsonElement AssertReview(JsonElement session, string status)
    {
        var review = session.GetProperty("review");
        AssertKinds(
            review,
            ("id", JsonValueKind.String), ("type", JsonValueKind.String), ("access_duration", JsonValueKind.Number),
            ("status", JsonValueKind.String), ("revoke_at", JsonValueKind.Null), ("created_at", JsonValueKind.String),
            ("review_groups_data", JsonValueKind.Array), ("time_window", JsonValueKind.Null),
            ("access_request_rule_name", JsonValueKind.Null), ("min_approvals", JsonValueKind.Number),
            ("force_approval_groups", JsonValueKind.Null));
        Assert.Equal(session.GetProperty("id").GetString(), review.GetProperty("id").GetString());
        Assert.Equal("onetime", review.GetProperty("type").GetString());
        Assert.Equal(0, review.GetProperty("access_duration").GetInt64());
        Assert.Equal(status, review.GetProperty("status").GetString());
        Assert.Equal(AssertTime(session, "start_date"), AssertTime(review, "created_at"));
        Assert.Equal(1, review.GetProperty("min_approvals").GetInt32());
        var group = Assert.Single(review.GetProperty("review_groups_data").EnumerateArray());
        AssertKinds(group, ("id", JsonValueKind.String), ("group", JsonValueKind.String), ("status", JsonValueKind.String), ("forced_review", JsonValueKind.False));
        Assert.Equal("reviewer", group.GetProperty("group").GetString());
        Assert.Equal(status, group.GetProperty("status").GetString());
        Assert.True(session.GetProperty("has_review").GetBoolean());
        return review;
    }

    /// <summary>A decided review names its reviewer as hoop's <c>ReviewOwner</c> (name and email), and in this service's <c>reviewed_by</c> too.</summary>
    private static void AssertDecidedBy(JsonElement review, string reviewer)
    {
        var group = review.GetProperty("review_groups_data")[0];
        var owner = group.GetProperty("reviewed_by");
        // hoop's owner id is a user's UUID, which a key has not: left out, as hoop leaves out an empty one.
        Assert.Equal(["name", "email", "slack_id"], Names(owner));
        Assert.Equal([reviewer, reviewer, ""], owner.EnumerateObject().Select(property => property.Value.GetString()));
        var decided = AssertTime(group, "review_date");
        Assert.Equal(reviewer, review.GetProperty("reviewed_by").GetString());
        Assert.Equal(decided, AssertTime(review, "review_date"));
    }

    [Fact]
    public async Task A_pending_review_has_no_reviewer_no_date_and_no_rejection_reason()
    {
        var session = await ReadAsync(await RequestAsync());

        var review = AssertReview(session, "PENDING");
        var group = review.GetProperty("review_groups_data")[0];

        Assert.Equal("open", session.GetProperty("status").GetString());
        AssertKinds(session, ("exit_code", JsonValueKind.Null), ("end_date", JsonValueKind.Null));
        AssertKinds(group, ("reviewed_by", JsonValueKind.Null), ("review_date", JsonValueKind.Null));
        AssertKinds(review, ("reviewed_by", JsonValueKind.Null), ("review_date", JsonValueKind.Null));
        Assert.False(review.TryGetProperty("rejection_reason", out _));
    }

    [Fact]
    public async Task An_approved_review_names_its_reviewer_and_stays_approved_once_run()
    {
        var id = await RequestAsync();
        await ReviewAsync("rita", id, "APPROVED");
        var approved = await ReadAsync(id);
        using (var alice = hoop.As("alice"))
        using (var exec = await alice.PostAsync($"/api/sessions/{id}/exec", null))
        {
            Assert.Equal(HttpStatusCode.OK, exec.StatusCode);
        }

        var ran = await ReadAsync(id);

        Assert.Equal("ready", approved.GetProperty("status").GetString());
        AssertDecidedBy(AssertReview(approved, "APPROVED"), "rita");
        Assert.False(approved.GetProperty("review").TryGetProperty("rejection_reason", out _));
        Assert.Equal("done", ran.GetProperty("status").GetString());
        Assert.Equal("reviewed\n", ran.GetProperty("output").GetString());
        AssertDecidedBy(AssertReview(ran, "APPROVED"), "rita");
    }

    [Fact]
    public async Task A_rejected_review_carries_the_reason_and_ends_the_session()
    {
        var id = await RequestAsync();
        await ReviewAsync("root", id, "REJECTED", "not in the freeze");

        var session = await ReadAsync(id);
        var review = AssertReview(session, "REJECTED");

        AssertDecidedBy(review, "root");
        Assert.Equal("not in the freeze", review.GetProperty("rejection_reason").GetString());
        Assert.Equal("done", session.GetProperty("status").GetString());
        Assert.Equal("failed", session.GetProperty("output_status").GetString());
    }
}
