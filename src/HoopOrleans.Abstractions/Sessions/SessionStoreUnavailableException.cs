namespace HoopOrleans.Sessions;

/// <summary>
/// The session store could not be reached or did not answer: nothing that depended on this
/// operation happened (a run whose start could not be stored was never started). Its message is
/// safe to show; what the store said stays in the log of the node that met it.
/// </summary>
[GenerateSerializer]
public sealed class SessionStoreUnavailableException(Exception? inner = null)
    : Exception("the session store is unavailable; retry shortly", inner);
