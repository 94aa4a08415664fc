using System.Text.Json;

namespace HoopOrleans.Api.Tests.Compatibility;

/// <summary>
/// The values <c>hoop sessions get &lt;id&gt;</c> shows from the decoded map (displaySession), read
/// with the same type checks as Go's: the input only when <c>script</c> is an object with a string
/// <c>data</c>, the review only when <c>review</c> is an object.
/// </summary>
public sealed record HoopSessionDisplay(
    string? Id,
    string? User,
    string? Role,
    string? Resource,
    string? Type,
    string? Subtype,
    string? Verb,
    string? Status,
    string? Started,
    string? Ended,
    double? ExitCode,
    string? Input,
    string? ReviewStatus,
    string? ReviewType,
    double? MinApprovals,
    IReadOnlyList<(string? Group, string? Status, string? ReviewedBy, string? ReviewDate)> ReviewGroups,
    string? RejectionReason)
{
    public static HoopSessionDisplay Of(Dictionary<string, JsonElement> session)
    {
        var review = Object(session, "review");
        var groups = review is { } r && r.TryGetValue("review_groups_data", out var data) && data.ValueKind == JsonValueKind.Array
            ? data.EnumerateArray().Where(g => g.ValueKind == JsonValueKind.Object).Select(Group).ToList()
            : [];
        return new(
            Text(session, "id"),
            Text(session, "user_name") ?? Text(session, "user"),
            Text(session, "connection"),
            Text(session, "resource_name"),
            Text(session, "type"),
            Text(session, "connection_subtype"),
            Text(session, "verb"),
            Text(session, "status"),
            Date(Text(session, "start_date")),
            Date(Text(session, "end_date")),
            Number(session, "exit_code"),
            Object(session, "script") is { } script ? Text(script, "data") : null,
            review is null ? null : Text(review, "status"),
            review is null ? null : Text(review, "type"),
            review is null ? null : Number(review, "min_approvals"),
            groups,
            review is null ? null : Text(review, "rejection_reason"));
    }

    private static (string?, string?, string?, string?) Group(JsonElement group)
    {
        var map = Map(group);
        var by = Object(map, "reviewed_by") is { } owner ? Text(owner, "email") ?? Text(owner, "name") : null;
        return (Text(map, "group"), Text(map, "status"), by, Date(Text(map, "review_date")));
    }

    /// <summary>formatSessionDate: RFC 3339 cut to its first 19 characters.</summary>
    private static string? Date(string? text) => text is { Length: > 19 } ? text[..19] : text;

    private static Dictionary<string, JsonElement> Map(JsonElement value) =>
        value.EnumerateObject().ToDictionary(property => property.Name, property => property.Value);

    private static Dictionary<string, JsonElement>? Object(Dictionary<string, JsonElement> map, string key) =>
        map.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.Object ? Map(value) : null;

    private static string? Text(Dictionary<string, JsonElement> map, string key) =>
        map.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(Dictionary<string, JsonElement> map, string key) =>
        map.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
