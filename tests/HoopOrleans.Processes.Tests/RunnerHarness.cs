using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Processes.Tests;

/// <summary>A process runner of its own for each test class, with bash as the shipped connection runs it.</summary>
public sealed class RunnerHarness : IDisposable
{
    /// <summary>What a run inherits of the service here: what a connection's runs get, less their user's.</summary>
    private static readonly string[] Basics = ["PATH", "HOME", "LANG", "TMPDIR"];

    private readonly IOptions<ProcessRunnerOptions>? _options;
    private readonly ProcessEventLoop _loop;
    private readonly OrphanGuard _guard;
    private readonly RunLauncher _launcher;

    public RunnerHarness()
        : this(null)
    {
    }

    /// <param name="options">The runner's tuning; the defaults when null.</param>
    internal RunnerHarness(IOptions<ProcessRunnerOptions>? options)
    {
        _options = options;
        _loop = new ProcessEventLoop(options: options);
        _guard = new OrphanGuard(_loop, NullLogger<OrphanGuard>.Instance);
        _launcher = new RunLauncher(_loop, NullLogger<RunLauncher>.Instance, options);
    }

    /// <summary>The node's launcher, for tests that give runs a user or limits.</summary>
    public RunLauncher Launcher => _launcher;

    public static readonly string[] Bash = ["bash", "-s"];

    public ProcessRunner Runner(int maxOutputBytes = 4 * 1024 * 1024, int maxRuns = 64) =>
        new(_loop, _guard, _launcher, new RunnerLimits(maxRuns, maxOutputBytes), _options);

    /// <summary>The service's <see cref="Basics"/>, then <paramref name="extra"/>, as NAME=value entries.</summary>
    public static IReadOnlyList<string> Environment(IDictionary<string, string>? extra = null)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Basics)
        {
            if (System.Environment.GetEnvironmentVariable(name) is { } value)
            {
                variables[name] = value;
            }
        }

        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        return [.. variables.Select(pair => $"{pair.Key}={pair.Value}")];
    }

    public ProcessRun Start(string script, string[]? argv = null, TimeSpan? timeout = null, ProcessRunner? runner = null)
    {
        runner ??= Runner();

        // The run gives its slot back when its program exits.
        var slot = runner.TryReserve();
        Assert.NotNull(slot);
        return runner.Start(new RunSpec(argv ?? Bash, Environment(), script, timeout ?? TimeSpan.FromMinutes(5)), slot);
    }

    public async Task<ProcessOutcome> RunAsync(string script, string[]? argv = null, TimeSpan? timeout = null, ProcessRunner? runner = null) =>
        await Start(script, argv, timeout, runner).Completion;

    public static string Text(ProcessOutcome outcome) => Encoding.UTF8.GetString(outcome.Output);

    public void Dispose()
    {
        _launcher.Dispose();
        _guard.Dispose();
        _loop.Dispose();
    }
}
