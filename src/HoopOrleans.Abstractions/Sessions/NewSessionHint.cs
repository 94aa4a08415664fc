namespace HoopOrleans.Sessions;

/// <summary>
/// Tells a session grain's storage that the call activating it creates the session under an id the
/// front end has just drawn at random, so no stored row can exist and the activation's read of
/// storage can be skipped. Orleans hands the activating call's request context to the activation,
/// storage read included. Ids derived from idempotency keys never carry it: they may exist.
/// </summary>
public static class NewSessionHint
{
    private const string Key = "hoop.new-session";

    /// <summary>Marks the calls that follow, on this async flow, until <see cref="Clear"/>.</summary>
    public static void Mark() => RequestContext.Set(Key, true);

    public static void Clear() => RequestContext.Remove(Key);

    /// <summary>Whether the current call (or the activation it triggered) creates a brand-new session.</summary>
    public static bool IsMarked => RequestContext.Get(Key) is true;
}
