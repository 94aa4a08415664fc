namespace HoopOrleans.Sessions;

/// <summary>The node already runs as many processes as it is allowed to; nothing was started or stored.</summary>
[GenerateSerializer]
public sealed class CapacityExceededException(int limit)
    : Exception($"this node already runs {limit} sessions; retry shortly")
{
    /// <summary>The node's limit of concurrent runs.</summary>
    [Id(0)] public int Limit { get; } = limit;
}
