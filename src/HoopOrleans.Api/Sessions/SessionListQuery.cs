using System.Globalization;
using HoopOrleans.Api.Auth;
using HoopOrleans.Api.Errors;
using HoopOrleans.Storage;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// Reads the filters of <c>GET /api/sessions</c>: this service's and hoop.dev's (<c>user</c>,
/// <c>type</c>, <c>review.status</c>, <c>review.approver</c>, <c>count</c>). Values match without
/// regard to case, as hoop's CLI sends them (<c>review.status=pending</c>).
/// </summary>
internal static class SessionListQuery
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>The deepest page: past it a listing would read more rows than any page is worth (hoop's limit too).</summary>
    public const int MaxOffset = 10_000;

    /// <summary>The query, or the refusal that says what is wrong with it.</summary>
    /// <param name="reviewers">Finds the key a <c>review.approver</c> names, when it may review.</param>
    public static Parsed<SessionQuery> Read(IQueryCollection query, Caller caller, Func<string, SessionReviewer?> reviewers)
    {
        if (!TryInt(query, "limit", DefaultLimit, out var limit) || !TryInt(query, "offset", 0, out var offset))
        {
            return Refusal.BadRequest("limit and offset must be whole numbers");
        }

        if (limit < 1)
        {
            return Refusal.Unprocessable($"limit must be between 1 and {MaxLimit}");
        }

        if (offset is < 0 or > MaxOffset)
        {
            return Refusal.Unprocessable($"offset must be between 0 and {MaxOffset}");
        }

        SessionStatus? status = null;
        if (Single(query, "status") is { } statusName)
        {
            try
            {
                status = SessionStatusWire.Parse(statusName.ToLowerInvariant());
            }
            catch (FormatException)
            {
                return Refusal.BadRequest("status must be open, ready, running or done");
            }
        }

        if (!TryCount(query, out var count))
        {
            return Refusal.Unprocessable("count must be exact, capped or none");
        }

        if (!TryDate(query, "start_date", out var from) || !TryDate(query, "end_date", out var before))
        {
            return Refusal.BadRequest("start_date and end_date must be RFC 3339 times, such as 2026-11-29T06:00:00Z");
        }

        // review.approver names a key; one that may not review approves no session.
        var approver = Single(query, "review.approver");
        var reviewer = approver is null ? null : reviewers(approver) ?? new SessionReviewer(approver, ReviewsOwn: false, ReviewsAny: false);
        return new SessionQuery
        {
            Limit = Math.Min(limit, MaxLimit),
            Offset = offset,
            Scope = SessionScope.Of(caller.Actor),
            User = Single(query, "user"),
            Connection = Single(query, "connection"),
            Type = Single(query, "type"),
            Status = status,
            ReviewStatus = ReviewStatus(query),
            ReviewableBy = reviewer,
            StartedFrom = from,
            StartedBefore = before,
            Count = count,
        };
    }

    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[^1]) ? values[^1] : null;

    /// <summary>
    /// <c>review.status</c>: a review's state in any case, or present and empty for sessions without a
    /// review (as in hoop). Like hoop, which matches the text against its states, any other text is
    /// no error: hoop's states this service never gives (<c>EXECUTED</c>, <c>REVOKED</c>, …) and
    /// unknown words match no session.
    /// </summary>
    private static string? ReviewStatus(IQueryCollection query) =>
        query.TryGetValue("review.status", out var values) && values.Count > 0 ? (values[^1] ?? "").ToUpperInvariant() : null;

    private static bool TryCount(IQueryCollection query, out SessionCount count)
    {
        count = SessionCount.Capped;
        return Single(query, "count") is not { } text || Enum.TryParse(text, ignoreCase: true, out count) && Enum.IsDefined(count) && !int.TryParse(text, out _);
    }

    private static bool TryInt(IQueryCollection query, string name, int fallback, out int value)
    {
        value = fallback;
        return Single(query, name) is not { } text || int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryDate(IQueryCollection query, string name, out DateTimeOffset? value)
    {
        value = null;
        if (Single(query, name) is not { } text)
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }
}
