using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using HoopOrleans.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Connections;

/// <summary>Writes a connection's tags as the JSON object sessions keep.</summary>
[JsonSerializable(typeof(SortedDictionary<string, string>))]
internal sealed partial class ConnectionTagsJson : JsonSerializerContext;
