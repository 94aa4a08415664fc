namespace HoopOrleans.Sessions;

/// <summary>
/// Names, in a call's request context, the connection of the session the call is for. Orleans
/// places a grain on the silo that receives its first call and hands the placement director that
/// call's request context: this is how the session's placement learns which silos may run it.
/// The front end sets it for every call that starts a run or may activate a session to run one.
/// </summary>
public static class ConnectionHint
{
    private const string Key = "hoop.connection";

    /// <summary>Marks the calls that follow, on this async flow, until <see cref="Clear"/>.</summary>
    public static void Set(string connection) => RequestContext.Set(Key, connection);

    public static void Clear() => RequestContext.Remove(Key);

    /// <summary>The connection named in <paramref name="requestContext"/> (a placement target's), or null.</summary>
    public static string? In(IReadOnlyDictionary<string, object>? requestContext) =>
        requestContext is not null && requestContext.TryGetValue(Key, out var value) ? value as string : null;
}
