using HoopOrleans.Sessions;

namespace HoopOrleans.Grains.Tests.Sessions;

/// <summary>What the grain storage holds for one session.</summary>
public sealed record StoredSession(bool RecordExists, SessionRecord? Session);
