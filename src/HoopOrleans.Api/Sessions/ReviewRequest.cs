using System.Text.Json.Serialization;

namespace HoopOrleans.Api.Sessions;

/// <summary>The body of <c>PUT /api/sessions/{id}/review</c>.</summary>
public sealed record ReviewRequest(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("rejection_reason")] string? RejectionReason);

[JsonSerializable(typeof(ReviewRequest))]
internal sealed partial class ReviewJsonContext : JsonSerializerContext;
