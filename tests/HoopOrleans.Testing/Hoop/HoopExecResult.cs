using Google.Protobuf;
using Google.Protobuf.Collections;

namespace HoopOrleans.Testing.Hoop;

/// <summary>What <c>hoop exec</c> ended with.</summary>
/// <param name="ExitCode">What the CLI exits with: the close's exit code, 254 without one; null when the client went away first.</param>
/// <param name="Output">Everything written to the terminal, stdout and stderr.</param>
/// <param name="Error">The close's payload, which the CLI prints as an error.</param>
/// <param name="Packets">The types of the packets received, in order.</param>
/// <param name="SessionId">The session's id, as the open's answer named it.</param>
/// <param name="LastSpec">The spec of the last packet read.</param>
public sealed record HoopExecResult(int? ExitCode, string Output, string? Error, IReadOnlyList<string> Packets, string? SessionId, MapField<string, ByteString> LastSpec);
