namespace HoopOrleans.Sessions;

/// <summary>The session names a connection that is not configured.</summary>
[GenerateSerializer]
public sealed class UnknownConnectionException(string connection)
    : Exception($"connection {connection} not found")
{
    /// <summary>The name that was asked for.</summary>
    [Id(0)] public string Connection { get; } = connection;
}
