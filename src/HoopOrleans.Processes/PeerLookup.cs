namespace HoopOrleans.Processes;

/// <summary>Who owns the other end of a connection made on this machine, or why that is not known.</summary>
/// <param name="Outcome">Whether the owner was found, the socket is not here, or the lookup failed.</param>
/// <param name="Uid">The owner's uid, when found.</param>
/// <param name="Error">The <c>errno</c> of a failed lookup.</param>
public readonly record struct PeerLookup(PeerLookupOutcome Outcome, uint Uid = 0, int Error = 0)
{
    public static PeerLookup Owner(uint uid) => new(PeerLookupOutcome.Found, uid);

    public static readonly PeerLookup NotHere = new(PeerLookupOutcome.NotFound);

    public static PeerLookup Failure(int error) => new(PeerLookupOutcome.Failed, Error: error);

    /// <summary>Why the owner is not known, for a refusal's log line; null when it was found.</summary>
    public string? Why => Outcome switch
    {
        PeerLookupOutcome.Found => null,
        PeerLookupOutcome.NotFound => "no live socket on this machine has the peer's address",
        _ => $"the kernel's socket diagnostics failed: {Libc.ErrorText(Error)}",
    };
}
