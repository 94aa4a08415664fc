namespace HoopOrleans.Api.Sessions;

/// <summary>hoop.dev's <c>ReviewGroup</c>: who may approve, and what they decided.</summary>
internal sealed record ReviewGroupAnswer(string Id, string Group, string Status, ReviewOwnerAnswer? ReviewedBy, DateTime? ReviewDate, bool ForcedReview);
