namespace HoopOrleans.Sessions;

/// <summary>Why a session refused a request.</summary>
[GenerateSerializer]
public enum SessionRule
{
    /// <summary>The caller may not do this to this session.</summary>
    Forbidden,

    /// <summary>The session is not in a state that allows it.</summary>
    Conflict,
}

/// <summary>The session refused the request; nothing changed.</summary>
[GenerateSerializer]
public sealed class SessionRuleException(SessionRule rule, string message) : Exception(message)
{
    [Id(0)] public SessionRule Rule { get; } = rule;
}
