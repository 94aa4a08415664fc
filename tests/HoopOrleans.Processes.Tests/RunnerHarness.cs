using System.Text;
using HoopOrleans.Connections;
using HoopOrleans.Processes;
using HoopOrleans.Sessions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Tests.Processes;

/// <summary>A process runner of its own for each test class, with bash as the shipped connection runs it.</summary>
public sealed class RunnerHarness : IDisposable
{
    private readonly ProcessEventLoop _loop = new();
    private readonly OrphanGuard _guard;
    private readonly RunLauncher _launcher;

    public RunnerHarness()
    {
        _guard = new OrphanGuard(_loop, NullLogger<OrphanGuard>.Instance);
        _launcher = new RunLauncher(_loop, NullLogger<RunLauncher>.Instance);
    }

    /// <summary>The node's launcher, for tests that give runs a user or limits.</summary>
    public RunLauncher Launcher => _launcher;

    public static readonly string[] Bash = ["bash", "-s"];

    public ProcessRunner Runner(int maxOutputBytes = 4 * 1024 * 1024, int maxRuns = 64) =>
        new(_loop, _guard, _launcher, Options.Create(new SessionRunOptions { MaxOutputBytes = maxOutputBytes, MaxConcurrentRuns = maxRuns }));

    public static IReadOnlyList<string> Environment(IDictionary<string, string>? extra = null)
    {
        var catalog = new ConnectionCatalog(Options.Create(new Dictionary<string, ConnectionOptions>
        {
            ["test"] = new() { Command = Bash, Env = new Dictionary<string, string>(extra ?? new Dictionary<string, string>()) },
        }));
        catalog.TryGet("test", out var connection);
        return connection!.Environment;
    }

    public ProcessRun Start(string script, string[]? argv = null, TimeSpan? timeout = null, ProcessRunner? runner = null)
    {
        runner ??= Runner();
        Assert.True(runner.TryReserve());
        return runner.Start(new RunSpec(argv ?? Bash, Environment(), script, timeout ?? TimeSpan.FromMinutes(5)));
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
