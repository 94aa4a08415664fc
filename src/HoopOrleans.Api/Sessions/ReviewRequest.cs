using System.Text.Json;
using HoopOrleans.Api.Errors;
using HoopOrleans.Api.Json;
using HoopOrleans.Api.Security;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Sessions;

/// <summary>The body of <c>PUT /api/sessions/{id}/review</c>.</summary>
/// <param name="Status"><c>APPROVED</c> or <c>REJECTED</c>.</param>
/// <param name="RejectionReason">Why, when rejecting.</param>
internal sealed record ReviewRequest(string? Status, string? RejectionReason)
{
    /// <summary>The decision in the request's body, or a <c>400</c> that says what is wrong with it.</summary>
    public static async Task<Parsed<ReviewRequest>> ReadAsync(HttpRequest request)
    {
        ReviewRequest? decision;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
            if (JsonInputRules.Violation(document.RootElement) is { } violation)
            {
                return Refusal.BadRequest(violation);
            }

            decision = document.RootElement.Deserialize(ApiJsonContext.Default.ReviewRequest);
        }
        catch (JsonException)
        {
            return Refusal.BadRequest(ApiErrors.NotJson);
        }

        return decision is { Status: SessionReview.Approved or SessionReview.Rejected }
            ? decision
            : Refusal.BadRequest($"status must be {SessionReview.Approved} or {SessionReview.Rejected}");
    }
}
