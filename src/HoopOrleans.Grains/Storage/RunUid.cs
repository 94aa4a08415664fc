namespace HoopOrleans.Storage;

/// <summary>A (connection, caller) pair's uid, as <see cref="IRunUids.AssignAsync"/> answers it.</summary>
/// <param name="Uid">The uid.</param>
/// <param name="Given">This call gave it; false when it was stored for the pair before.</param>
public sealed record RunUid(uint Uid, bool Given);
