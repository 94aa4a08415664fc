using System.Text.Json.Serialization;
using HoopOrleans.Api.Json;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// The review of a session on a connection that needs one, in hoop.dev's <c>SessionReview</c>
/// shape, plus this service's <see cref="ReviewedBy"/> and <see cref="ReviewDate"/>. A session has
/// one review, a one-time approval by one key with the <c>reviewer</c> (or <c>admin</c>) role:
/// hoop's one review group, which takes one approval; the review is known by its session's id.
/// </summary>
internal sealed record SessionReviewAnswer(
    string Id,
    string Type,
    long AccessDuration,
    string Status,
    DateTime? RevokeAt,
    DateTime CreatedAt,
    IReadOnlyList<ReviewGroupAnswer> ReviewGroupsData,
    RawJsonObject? TimeWindow,
    string? AccessRequestRuleName,
    int? MinApprovals,
    IReadOnlyList<string>? ForceApprovalGroups,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RejectionReason,
    string? ReviewedBy,
    DateTime? ReviewDate)
{
    /// <summary>hoop's review type for an approval that allows one run.</summary>
    public const string OneTime = "onetime";

    /// <summary>The group of keys that may approve: those with the <c>reviewer</c> role.</summary>
    public const string ReviewerGroup = "reviewer";

    public static SessionReviewAnswer Of(SessionRecord session, SessionReview review) => new(
        session.Id,
        OneTime,
        AccessDuration: 0,
        review.Status,
        RevokeAt: null,
        session.StartDate.UtcDateTime,
        [new ReviewGroupAnswer(
            session.Id,
            ReviewerGroup,
            review.Status,
            review.ReviewedBy is { } by ? new ReviewOwnerAnswer(Id: null, by, by, SlackId: "") : null,
            review.ReviewDate?.UtcDateTime,
            ForcedReview: false)],
        TimeWindow: null,
        AccessRequestRuleName: null,
        MinApprovals: 1,
        ForceApprovalGroups: null,
        review.RejectionReason,
        review.ReviewedBy,
        review.ReviewDate?.UtcDateTime);
}
