using System.Collections.Immutable;
using HoopOrleans.Processes;

namespace HoopOrleans.Connections;

/// <summary>Who one caller's runs on one connection are: the walls they start in and their environment.</summary>
/// <param name="Sandbox">The user, groups, directory and limits of the run.</param>
/// <param name="Environment">The process environment as NAME=value entries, computed once.</param>
public sealed record RunAs(RunSandbox Sandbox, ImmutableArray<string> Environment);
