namespace HoopOrleans.Storage;

/// <summary>
/// Which uid runs of one connection for one caller (an API key's name, or <c>anonymous</c>) are
/// given, kept by the session store so that every silo, and every start, gives the pair the same
/// uid. A uid once given is never given to another pair, not even after it was set aside: its
/// home and any file it left keep belonging to it alone. Which uids may be used (no account, no
/// connection's <c>User</c>) is the caller's decision, which sets aside those that may not.
/// </summary>
public interface IRunUids
{
    /// <summary>
    /// The pair's uid: the one stored for it, wherever it lies, else the uid after the highest ever
    /// stored in <paramref name="first"/>..<paramref name="last"/> (the first, when none is), stored
    /// for it in the same step. Pairs asked for at once from several silos each get one uid of their
    /// own, and the same pair the same one.
    /// </summary>
    /// <returns>The uid and whether this call gave it; null when the pair has none and the range has no uid left.</returns>
    /// <exception cref="HoopOrleans.Sessions.SessionStoreUnavailableException">The store cannot be reached.</exception>
    Task<RunUid?> AssignAsync(string connection, string caller, uint first, uint last, CancellationToken cancellationToken);

    /// <summary>
    /// Takes <paramref name="uid"/> from the pair for good (an account has it, or a connection names
    /// it): the pair's next <see cref="AssignAsync"/> gives it another, and no pair ever gets this one.
    /// Nothing changes when the pair no longer holds it.
    /// </summary>
    Task SetAsideAsync(string connection, string caller, uint uid, CancellationToken cancellationToken);
}
