using System.Data.Common;
using System.Net.Sockets;
using HoopOrleans.Sessions;
using Orleans.Runtime.Messaging;
using Orleans.Serialization;

namespace HoopOrleans.Api.Errors;

/// <summary>
/// Tells the failures of what the front end depends on (the cluster, the session store) from its
/// own faults. The first are a <c>503</c>: the request may succeed when retried.
/// </summary>
internal static class ServiceFailures
{
    public const string ClusterUnavailable = "the cluster is unavailable; retry shortly";

    /// <summary>
    /// Whether <paramref name="exception"/>, or one it wraps, is the cluster or the store failing.
    /// The runtime's own failures (a silo that died, a message it could not deliver, a call that
    /// timed out or was cancelled with a dying silo) are <see cref="OrleansException"/>s or
    /// timeouts; a store failure arrives as a <see cref="SessionStoreUnavailableException"/>, or as
    /// the driver's own exception where a library (membership) reaches the store; an exception type
    /// the front end cannot load arrives as the serializer's stand-in.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => Any(exception, static e => e is
        SessionStoreUnavailableException or NodeDrainingException or ConnectionUnavailableException or ConnectionElsewhereException or OrleansException or ConnectionFailedException or TimeoutException
        or OperationCanceledException or DbException or SocketException or UnavailableExceptionFallbackException);

    /// <summary>
    /// Whether a call that failed with <paramref name="exception"/> may still have done its work:
    /// it reached the cluster and its answer was lost. A store that refused the start is not such a
    /// case (a run starts only after its start is stored), nor is a node that refused it because it
    /// is shutting down or does not host the connection (nor one whose placement found no host), nor a call the runtime rejected before any activation ran it (a silo found
    /// dead with the call outstanding is: the call may have run there).
    /// </summary>
    public static bool MayHaveCompleted(Exception exception) =>
        IsUnavailable(exception) && !Any(exception, static e => e is SessionStoreUnavailableException or NodeDrainingException or ConnectionUnavailableException or ConnectionElsewhereException or DbException
            || (e is OrleansMessageRejectionException && e is not SiloUnavailableException));

    private static bool Any(Exception exception, Func<Exception, bool> test)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (test(e) || (e is AggregateException aggregate && aggregate.InnerExceptions.Any(inner => Any(inner, test))))
            {
                return true;
            }
        }

        return false;
    }
}
