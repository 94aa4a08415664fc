using System.Collections.Immutable;

namespace HoopOrleans.Processes;

/// <summary>Who a run is: the ids it drops to before exec, and where it starts.</summary>
public sealed record RunIdentity(uint Uid, uint Gid, ImmutableArray<uint> Groups, string WorkingDirectory);
