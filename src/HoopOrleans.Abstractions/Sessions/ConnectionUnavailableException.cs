namespace HoopOrleans.Sessions;

/// <summary>
/// The connection is configured in the cluster, but no live silo that hosts it takes new runs
/// (each that does is dead or draining): nothing was started. The caller retries once a silo
/// hosting it has joined.
/// </summary>
[GenerateSerializer]
public sealed class ConnectionUnavailableException(string connection)
    : Exception($"no node serving connection {connection} is available")
{
    /// <summary>The connection asked for.</summary>
    [Id(0)] public string Connection { get; } = connection;
}
