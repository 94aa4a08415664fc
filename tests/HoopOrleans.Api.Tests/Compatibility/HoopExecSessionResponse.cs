using System.Text.Json.Serialization;

namespace HoopOrleans.Api.Tests.Compatibility;

/// <summary>hoop's <c>execSessionResponse</c>: what <c>hoop exec --session &lt;id&gt; -o json</c> decodes.</summary>
public sealed record HoopExecSessionResponse(
    [property: JsonPropertyName("exit_code")] int ExitCode,
    [property: JsonPropertyName("output")] string Output,
    [property: JsonPropertyName("output_status")] string OutputStatus);
