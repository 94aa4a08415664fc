using System.Text.Json;

namespace HoopOrleans.Api.Sessions;

/// <summary>
/// The body of <c>POST /api/sessions</c>. Every field may be absent or null; <see cref="SessionRequestParser"/>
/// checks the body against the contract's rules before it is read as this record.
/// </summary>
/// <param name="Connection">The configured connection to run on; required.</param>
/// <param name="Script">Written to the process's stdin.</param>
/// <param name="ClientArgs">Appended to the connection's argv, one argument each.</param>
/// <param name="Metadata">A JSON object stored with the session as the client wrote it.</param>
/// <param name="Labels">Deprecated: a JSON object of strings, stored as the client wrote it.</param>
internal sealed record SessionRequestBody(string? Connection, string? Script, string[]? ClientArgs, JsonElement? Metadata, JsonElement? Labels);
