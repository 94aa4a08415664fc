namespace HoopOrleans.Api.Tests.Compatibility;

/// <summary>
/// What <c>hoop exec --session &lt;id&gt; -o json</c> prints (its <c>JSONEvent</c>) and exits with:
/// <c>running</c> and the answer's exit code (-2) on a <c>202</c>, else <c>completed</c>.
/// </summary>
public sealed record HoopExecOutcome(string Status, int ExitCode, string? Stdout, string? OutputStatus)
{
    public static HoopExecOutcome Of(int httpStatus, HoopExecSessionResponse answer) => new(
        httpStatus == 202 ? "running" : "completed",
        answer.ExitCode,
        answer.Output.Length > 0 ? answer.Output : null,
        answer.OutputStatus.Length > 0 ? answer.OutputStatus : null);
}
