namespace HoopOrleans.Api.Auth;

/// <summary>One of a caller's bounds and the setting it comes from, which a refusal names.</summary>
internal sealed record CallerBound(int Limit, string Setting);
