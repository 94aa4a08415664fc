using System.Collections.Immutable;

namespace HoopOrleans.Connections;

/// <summary>A connection the cluster knows, with the live silos that host it now.</summary>
/// <param name="Settings">What its silos advertise.</param>
/// <param name="Hosts">The live silos that host it; empty when every silo that did has died.</param>
/// <param name="EverySilo">
/// Every silo hosts it (the embedded default and a test cluster, whose silos share one
/// configuration): placement may choose any silo, as before connections had homes.
/// </param>
public sealed record ConnectionEntry(AdvertisedConnection Settings, ImmutableArray<ConnectionHost> Hosts, bool EverySilo)
{
    /// <summary>A live silo hosts it.</summary>
    public bool Online => EverySilo || !Hosts.IsEmpty;
}
