namespace HoopOrleans.Processes;

/// <summary>Everything needed to start one run.</summary>
/// <param name="Argv">The program and its arguments, passed as they are.</param>
/// <param name="Environment">The whole environment, as NAME=value entries.</param>
/// <param name="Stdin">Written to the program's stdin, which is then closed.</param>
/// <param name="Timeout">The longest the run may take before it is killed.</param>
/// <param name="Sandbox">The run's user and limits; <see cref="RunSandbox.None"/> when not given.</param>
public sealed record RunSpec(IReadOnlyList<string> Argv, IReadOnlyList<string> Environment, string Stdin, TimeSpan Timeout, RunSandbox? Sandbox = null);
