namespace HoopOrleans.Sessions;

/// <summary>
/// The node asked to start a run is shutting down and takes no new runs: nothing was started, and
/// the session was not created. The caller retries; the next attempt is placed on another node.
/// </summary>
[GenerateSerializer]
public sealed class NodeDrainingException() : Exception("this node is shutting down and takes no new runs; retry shortly");
