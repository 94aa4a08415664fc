namespace HoopOrleans.Processes;

/// <summary>What asking the kernel for a local peer's owner came to.</summary>
public enum PeerLookupOutcome
{
    /// <summary>The peer is a live socket on this machine, owned by <see cref="PeerLookup.Uid"/>.</summary>
    Found,

    /// <summary>
    /// No live socket with those addresses here: the peer is on another machine (or in another
    /// network namespace), or it is already closing, and a closing socket no longer has an owner
    /// to trust (a socket in TIME_WAIT reports uid 0).
    /// </summary>
    NotFound,

    /// <summary>The kernel could not be asked (<see cref="PeerLookup.Error"/> says why).</summary>
    Failed,
}
