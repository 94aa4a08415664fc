using System.Text.Json;
using System.Text.Json.Serialization;

namespace HoopOrleans.Api.Tests.Compatibility;

// The types hoop.dev's CLI decodes answers into (hoophq/hoop client/cmd/sessions.go @06dc3dd6,
// client/cmd/exec.go, client/cmd/admin/apiutils.go), mirrored field by field. Go's decoder fills
// map[string]any with string, float64, bool, nil, map and []any; JsonElement keeps the same kinds.

/// <summary>hoop's <c>sessionsResponse</c>: what <c>hoop sessions list</c> decodes.</summary>
public sealed record HoopSessionsResponse(
    [property: JsonPropertyName("data")] List<Dictionary<string, JsonElement>> Data,
    [property: JsonPropertyName("has_next_page")] bool HasNextPage,
    [property: JsonPropertyName("total")] long? Total,
    [property: JsonPropertyName("total_is_capped")] bool TotalIsCapped)
{
    /// <summary>The pagination hint's total: <c>10000+</c> when capped, nothing with <c>--count none</c> (formatSessionTotal).</summary>
    public string ShownTotal => Total is not { } total ? "" : TotalIsCapped ? $"{total}+" : $"{total}";
}

/// <summary>hoop's <c>execSessionResponse</c>: what <c>hoop exec --session &lt;id&gt; -o json</c> decodes.</summary>
public sealed record HoopExecSessionResponse(
    [property: JsonPropertyName("exit_code")] int ExitCode,
    [property: JsonPropertyName("output")] string Output,
    [property: JsonPropertyName("output_status")] string OutputStatus);

/// <summary>
/// What <c>hoop exec --session &lt;id&gt; -o json</c> prints (its <c>JSONEvent</c>) and exits with:
/// <c>running</c> and the answer's exit code (-2) on a <c>202</c>, else <c>completed</c>.
/// </summary>
public sealed record HoopExecOutcome(string Status, int ExitCode, string? Stdout, string? OutputStatus)
{
    public static HoopExecOutcome Of(int httpStatus, HoopExecSessionResponse answer) => new(
        httpStatus == 202 ? "running" : "completed",
        answer.ExitCode,
        answer.Output.Length > 0 ? answer.Output : null,
        answer.OutputStatus.Length > 0 ? answer.OutputStatus : null);
}

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
