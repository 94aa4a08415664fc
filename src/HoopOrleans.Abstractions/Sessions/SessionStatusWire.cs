namespace HoopOrleans.Sessions;

/// <summary>The names the API and the database give to <see cref="SessionStatus"/> values.</summary>
public static class SessionStatusWire
{
    /// <summary><c>open</c>, <c>ready</c>, <c>running</c> or <c>done</c>.</summary>
    public static string WireName(this SessionStatus status) => status switch
    {
        SessionStatus.Open => "open",
        SessionStatus.Ready => "ready",
        SessionStatus.Running => "running",
        SessionStatus.Done => "done",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The status an API name stands for.</summary>
    public static SessionStatus Parse(string name) => name switch
    {
        "open" => SessionStatus.Open,
        "ready" => SessionStatus.Ready,
        "running" => SessionStatus.Running,
        "done" => SessionStatus.Done,
        _ => throw new FormatException($"'{name}' is not a session status"),
    };
}
