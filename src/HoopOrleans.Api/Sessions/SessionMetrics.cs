namespace HoopOrleans.Api.Sessions;

/// <summary>hoop.dev's <c>metrics</c>; this service measures the size of the output it keeps.</summary>
internal sealed record SessionMetrics(long EventSize);
