namespace HoopOrleans.Api.Sessions;

/// <summary>hoop.dev's <c>script</c>: the session's input under <c>data</c>.</summary>
internal sealed record SessionScript(string Data);
