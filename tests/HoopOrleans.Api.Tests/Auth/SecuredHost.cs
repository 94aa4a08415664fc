using System.Net.Http.Headers;
using HoopOrleans.Api.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace HoopOrleans.Api.Tests.Auth;

/// <summary>
/// A front end with API keys: alice (user, bash only), bob (user, every connection), root (admin),
/// rita (reviewer), ravi (user and reviewer), audrey (auditor); connections bash, sh, a reviewed "gated" one, and a
/// "vault" one whose environment holds a secret. Its log events are captured.
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
            ["Connections:vault:Command:0"] = "bash",
            ["Connections:vault:Command:1"] = "-s",
            ["Connections:vault:Env:VAULT_TOKEN"] = Secret,
            ["Logging:LogLevel:HoopOrleans.Audit"] = "Information",
        };
        AddKey(settings, "alice", ["user"], ["bash", "gated", "vault"]);
        AddKey(settings, "bob", ["user"], ["*"]);
        AddKey(settings, "root", ["admin"], ["*"]);
        AddKey(settings, "rita", ["reviewer"], []);
        AddKey(settings, "ravi", ["user", "reviewer"], ["*"]);
        AddKey(settings, "audrey", ["auditor"], ["*"]);
        Host = await ApiHost.StartAsync(settings, builder => builder.Logging.AddProvider(Logs));
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public static string KeyOf(string name) => $"{name}-secret-key";

    /// <summary>A client that presents <paramref name="name"/>'s key as a bearer token.</summary>
    public HttpClient As(string name)
    {
        var client = new HttpClient { BaseAddress = Host.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", KeyOf(name));
        return client;
    }

    private static void AddKey(Dictionary<string, string> settings, string name, string[] roles, string[] connections)
    {
        settings[$"Auth:Keys:{name}:Hash"] = ApiKeyRegistry.HashOf(KeyOf(name));
        for (var i = 0; i < roles.Length; i++)
        {
            settings[$"Auth:Keys:{name}:Roles:{i}"] = roles[i];
        }

        for (var i = 0; i < connections.Length; i++)
        {
            settings[$"Auth:Keys:{name}:Connections:{i}"] = connections[i];
        }
    }
}
