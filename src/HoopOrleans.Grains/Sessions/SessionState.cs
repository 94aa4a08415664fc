namespace HoopOrleans.Sessions;

/// <summary>What a session grain persists: its session, or nothing while the id was never used.</summary>
[GenerateSerializer]
public sealed class SessionState
{
    [Id(0)] public SessionRecord? Session { get; set; }
}
