using System.Text.Json.Serialization;

namespace HoopOrleans.Connections;

/// <summary>Writes a connection's tags as the JSON object sessions keep.</summary>
[JsonSerializable(typeof(SortedDictionary<string, string>))]
internal sealed partial class ConnectionTagsJson : JsonSerializerContext;
