namespace HoopOrleans.Sessions;

/// <summary>
/// The session's activation lives on a silo that does not host its connection (a read activated
/// it there), so it cannot start the run or take the review: nothing was decided, and the
/// activation is going away. The caller sends the call again with <see cref="ConnectionHint"/>
/// set, so the session's next activation is placed on a silo that hosts the connection.
/// </summary>
[GenerateSerializer]
public sealed class ConnectionElsewhereException(string connection)
    : Exception($"connection {connection} is served by another node; send the call again")
{
    /// <summary>The session's connection.</summary>
    [Id(0)] public string Connection { get; } = connection;
}
