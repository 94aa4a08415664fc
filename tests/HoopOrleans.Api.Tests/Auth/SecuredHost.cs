using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace HoopOrleans.Api.Tests.Auth;

/// <summary>
/// A front end with API keys: alice (user: bash, gated, vault), bob (user, every connection), root
/// (admin), rita (reviewer on gated), ravi (user and reviewer, every connection), audrey (auditor);
/// connections bash, sh, two reviewed ones ("gated" and "guarded"), and a "vault" one whose
/// environment holds a secret. Its log events are captured.
/// </summary>
public sealed class SecuredHost : IAsyncLifetime
{
    public const string Secret = "hunter2-must-not-leak";

    public ApiHost Host { get; private set; } = null!;

    public LogCapture Logs { get; } = new();

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["Connections:sh:Command:0"] = "sh",
            ["Connections:sh:Command:1"] = "-s",
            ["Connections:gated:Command:0"] = "bash",
            ["Connections:gated:Command:1"] = "-s",
            ["Connections:gated:Review"] = "true",
            ["Connections:guarded:Command:0"] = "bash",
            ["Connections:guarded:Command:1"] = "-s",
            ["Connections:guarded:Review"] = "true",
            ["Connections:vault:Command:0"] = "bash",
            ["Connections:vault:Command:1"] = "-s",
            ["Logging:LogLevel:HoopOrleans.Audit"] = "Information",
        };
        TestKeys.Add(settings, "alice", ["user"], ["bash", "gated", "vault"]);
        TestKeys.Add(settings, "bob", ["user"], ["*"]);
        TestKeys.Add(settings, "root", ["admin"], ["*"]);
        TestKeys.Add(settings, "rita", ["reviewer"], ["gated"]);
        TestKeys.Add(settings, "ravi", ["user", "reviewer"], ["*"]);
        TestKeys.Add(settings, "audrey", ["auditor"], ["*"]);
        Host = await ApiHost.StartAsync(settings, builder =>
        {
            builder.Logging.AddProvider(Logs);

            // The secret comes from a source of its own, as the README says to pass one (an
            // environment variable, a file), not with the settings, which ApiHost gives as arguments.
            builder.Configuration.AddInMemoryCollection([new("Connections:vault:Env:VAULT_TOKEN", Secret)]);
        });
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public static string KeyOf(string name) => TestKeys.KeyOf(name);

    /// <summary>A client that presents <paramref name="name"/>'s key as a bearer token.</summary>
    public HttpClient As(string name) => TestKeys.ClientAs(Host, name);
}
