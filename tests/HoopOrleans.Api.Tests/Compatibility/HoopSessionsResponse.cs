using System.Text.Json;
using System.Text.Json.Serialization;

namespace HoopOrleans.Api.Tests.Compatibility;

// This and its siblings (HoopExecSessionResponse, HoopExecOutcome, HoopSessionDisplay) are the
// types hoop.dev's CLI decodes answers into (hoophq/hoop client/cmd/sessions.go @06dc3dd6,
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
