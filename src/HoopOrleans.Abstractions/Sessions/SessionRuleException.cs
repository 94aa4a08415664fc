namespace HoopOrleans.Sessions;

/// <summary>The session refused the request; nothing changed.</summary>
[GenerateSerializer]
public sealed class SessionRuleException(SessionRule rule, string message) : Exception(message)
{
    [Id(0)] public SessionRule Rule { get; } = rule;
}
