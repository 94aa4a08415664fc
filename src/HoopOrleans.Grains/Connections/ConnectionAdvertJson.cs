using System.Text.Json.Serialization;

namespace HoopOrleans.Connections;

/// <summary>The JSON of a silo's advertised connections, as <c>silo_connections.connections</c> holds it.</summary>
[JsonSerializable(typeof(AdvertisedConnection[]))]
internal sealed partial class ConnectionAdvertJson : JsonSerializerContext;
