namespace HoopOrleans.Sessions;

/// <summary>
/// The session store could not be reached or did not answer: nothing that depended on this
/// operation happened (a run whose start could not be stored was never started). Its message is
/// safe to show; what the store said stays in the log of the node that met it.
/// </summary>
/// <remarks>
/// The store's own exception is kept as <see cref="Cause"/>, not as the inner exception: an
/// exception crossing from a silo to a front end is serialized with its inner ones, and a driver's
/// exception (Npgsql's) has no codec, so the whole answer failed to serialize and the front end
/// answered 500 instead of 503 (the fault suite's PostgreSQL outage found it).
/// </remarks>
[GenerateSerializer]
public sealed class SessionStoreUnavailableException : Exception
{
    private const string StoreUnavailable = "the session store is unavailable; retry shortly";

    [NonSerialized]
    private readonly Exception? _cause;

    public SessionStoreUnavailableException()
        : base(StoreUnavailable)
    {
    }

    /// <param name="cause">What the store said, for this node's log; never sent to another node.</param>
    public SessionStoreUnavailableException(Exception cause)
        : base(StoreUnavailable) => _cause = cause;

    /// <summary>What the store said, on the node that met it (null on any other).</summary>
    public Exception? Cause => _cause;

    /// <summary>The exception and its cause, as logs print them.</summary>
    public override string ToString() => Cause is null ? base.ToString() : $"{base.ToString()}{Environment.NewLine} ---> {Cause}";
}
