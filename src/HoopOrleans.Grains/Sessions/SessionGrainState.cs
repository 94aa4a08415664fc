namespace HoopOrleans.Sessions;

/// <summary>What a session grain persists: its session, or nothing while the id was never used.</summary>
[GenerateSerializer]
public sealed class SessionGrainState
{
    [Id(0)] public SessionRecord? Session { get; set; }

    /// <summary>The session state a storage provider was handed; session storages keep nothing else.</summary>
    internal static SessionGrainState Of<T>(IGrainState<T> grainState) =>
        grainState.State as SessionGrainState ?? throw new NotSupportedException($"Session storage keeps {nameof(SessionGrainState)} only, not {typeof(T).Name}.");
}
