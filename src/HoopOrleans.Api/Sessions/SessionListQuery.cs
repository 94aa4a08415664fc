using System.Globalization;
using HoopOrleans.Catalog;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Sessions;

/// <summary>Reads the filters of <c>GET /api/sessions</c>.</summary>
public static class SessionListQuery
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>The query, or the status code and message that refuse it.</summary>
    public static (SessionQuery? Query, int Status, string? Error) Read(IQueryCollection query)
    {
        if (!TryInt(query, "limit", DefaultLimit, out var limit) || !TryInt(query, "offset", 0, out var offset))
        {
            return (null, StatusCodes.Status400BadRequest, "limit and offset must be whole numbers");
        }

        if (limit is < 1 or > MaxLimit)
        {
            return (null, StatusCodes.Status422UnprocessableEntity, $"limit must be between 1 and {MaxLimit}");
        }

        if (offset < 0)
        {
            return (null, StatusCodes.Status422UnprocessableEntity, "offset must not be negative");
        }

        SessionStatus? status = null;
        if (Single(query, "status") is { } statusName)
        {
            try
            {
                status = SessionStatusNames.Parse(statusName);
            }
            catch (FormatException)
            {
                return (null, StatusCodes.Status400BadRequest, "status must be open, ready, running or done");
            }
        }

        if (!TryDate(query, "start_date", out var from) || !TryDate(query, "end_date", out var before))
        {
            return (null, StatusCodes.Status400BadRequest, "start_date and end_date must be RFC 3339 times, such as 2026-11-29T06:00:00Z");
        }

        return (new SessionQuery(Single(query, "connection"), status, from, before, limit, offset), StatusCodes.Status200OK, null);
    }

    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[^1]) ? values[^1] : null;

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
