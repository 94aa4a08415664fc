using System.Collections.Concurrent;
using HoopOrleans.Api.Auth;
using HoopOrleans.Sessions;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// The output streams each caller has open on this front end. A stream is a connection this front
/// end holds for as long as the run goes, so it is bounded where it costs: per front end, with no
/// call to the cluster (a caller's streams over several front ends are bounded on each).
/// </summary>
internal sealed class StreamCounts
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts one more stream of <paramref name="caller"/>, given back when the request ends at the
    /// latest (the response disposes it, however the stream ends: finished, client gone, node stopping).
    /// </summary>
    /// <returns>
    /// The stream's place: the stream gives it back as it ends, before its response completes, so
    /// a client that has read a stream to its end may open the next at once.
    /// </returns>
    /// <exception cref="CallerBoundExceededException">The caller already has <paramref name="bound"/> streams open here.</exception>
    public StreamLease Open(HttpContext http, string caller, CallerBound bound)
    {
        while (true)
        {
            var open = _open.GetOrAdd(caller, 0);
            if (open >= bound.Limit)
            {
                throw CallerBoundExceededException.Streams(caller, bound.Limit, bound.Setting);
            }

            if (_open.TryUpdate(caller, open + 1, open))
            {
                var lease = new StreamLease(this, caller);
                http.Response.RegisterForDispose(lease);
                return lease;
            }
        }
    }

    /// <summary>One stream of <paramref name="caller"/> has ended.</summary>
    internal void Close(string caller)
    {
        while (true)
        {
            var open = _open[caller];
            if (open == 1 ? _open.TryRemove(new KeyValuePair<string, int>(caller, 1)) : _open.TryUpdate(caller, open - 1, open))
            {
                return;
            }
        }
    }
}
