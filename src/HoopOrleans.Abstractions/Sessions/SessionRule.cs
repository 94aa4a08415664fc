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
