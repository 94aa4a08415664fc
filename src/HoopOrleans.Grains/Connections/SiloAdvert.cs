namespace HoopOrleans.Connections;

/// <summary>One silo's row of <c>silo_connections</c>: the silo, its connections, and whether the membership holds it active.</summary>
internal sealed record SiloAdvert(ConnectionHost Host, AdvertisedConnection[] Connections, bool Live);
