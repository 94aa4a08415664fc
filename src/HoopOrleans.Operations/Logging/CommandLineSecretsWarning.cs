using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HoopOrleans.Operations.Logging;

/// <summary>
/// Says once, before anything else starts, which secrets arrived on the command line (see
/// <see cref="CommandLineSecrets"/>), naming the keys and never their values, and how to pass them
/// instead. A warning rather than a refusal: the node works, but its secrets are readable by
/// every local user for as long as it runs.
/// </summary>
internal sealed partial class CommandLineSecretsWarning(IReadOnlyList<string> keys, ILogger<CommandLineSecretsWarning> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        SecretsOnCommandLine(logger, string.Join(", ", keys), string.Join(", ", keys.Select(CommandLineSecrets.VariableOf)));
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Warning, "Secrets were given on the command line, where every local user can read them in /proc/<pid>/cmdline: {Keys}. Pass them as environment variables ({Variables}) or in files (a connection string names a password file with Passfile=) instead.")]
    private static partial void SecretsOnCommandLine(ILogger logger, string keys, string variables);
}
