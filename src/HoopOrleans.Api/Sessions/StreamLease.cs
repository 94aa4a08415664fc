namespace HoopOrleans.Api.Sessions;

/// <summary>One open stream's place in <see cref="StreamCounts"/>, given back once however often it is disposed.</summary>
internal sealed class StreamLease(StreamCounts counts, string caller) : IDisposable
{
    private int _disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            counts.Close(caller);
        }
    }
}
