namespace HoopOrleans.Connections;

/// <summary>A live silo that hosts a connection, as the cluster last heard from it.</summary>
/// <param name="Silo">The silo.</param>
/// <param name="Running">How many runs it had going when it last said (its sessions' programs, all connections).</param>
/// <param name="Draining">It is draining: it keeps its runs and takes no new ones.</param>
public sealed record ConnectionHost(SiloAddress Silo, int Running, bool Draining);
