namespace HoopOrleans.Sessions;

/// <summary>
/// How many runs the caller of a run or exec may have going across the cluster, and the setting
/// that says so. The bound is the front end's configuration (<c>Auth</c>), which silos do not
/// read, so it travels with the call in Orleans' request context, as <see cref="NewSessionHint"/>
/// does; a call without one is unbounded (the service's own calls, tests of the grain alone).
/// </summary>
public static class CallerRunBound
{
    private const string LimitKey = "hoop.caller-runs.limit";
    private const string SettingKey = "hoop.caller-runs.setting";

    /// <summary>Bounds the calls that follow, on this async flow, until <see cref="Clear"/>.</summary>
    public static void Set(int limit, string setting)
    {
        RequestContext.Set(LimitKey, limit);
        RequestContext.Set(SettingKey, setting);
    }

    public static void Clear()
    {
        RequestContext.Remove(LimitKey);
        RequestContext.Remove(SettingKey);
    }

    /// <summary>The current call's bound, or null when it carries none.</summary>
    public static (int Limit, string Setting)? Current =>
        RequestContext.Get(LimitKey) is int limit && RequestContext.Get(SettingKey) is string setting ? (limit, setting) : null;
}
