using HoopOrleans.Api.Tests.Auth;

namespace HoopOrleans.Api.Tests.Compatibility;

/// <summary>
/// A front end set up as a hoop.dev user meets one: API keys alice (user: bash, gated, pg), bob
/// (user, every connection), rita (reviewer on gated), root (admin) and audrey (auditor); connections bash,
/// a reviewed "gated" one, and "pg", described as hoop's <c>database</c> type with a subtype and tags, and a secret in its Env.
/// </summary>
public sealed class HoopHost : IAsyncLifetime
{
    /// <summary>pg's <c>PGPASSWORD</c>: a secret no answer may show.</summary>
    public const string PgSecret = "pg-password-3b9d41";

    public ApiHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>A client that presents <paramref name="name"/>'s key as a bearer token.</summary>
    public HttpClient As(string name) => TestKeys.ClientAs(Host, name);

    /// <summary>Starts such a front end, with <paramref name="extra"/> settings on top.</summary>
    public static Task<ApiHost> StartAsync(IDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Connections:gated:Command:0"] = "bash",
            ["Connections:gated:Command:1"] = "-s",
            ["Connections:gated:Review"] = "true",
            ["Connections:pg:Command:0"] = "bash",
            ["Connections:pg:Command:1"] = "-s",
            ["Connections:pg:Type"] = "database",
            ["Connections:pg:Subtype"] = "postgres",
            ["Connections:pg:Tags:team"] = "banking",
            ["Connections:pg:Tags:environment"] = "prod",
            ["Connections:pg:Env:PGPASSWORD"] = PgSecret,
        };
        TestKeys.Add(settings, "alice", ["user"], ["bash", "gated", "pg"]);
        TestKeys.Add(settings, "bob", ["user"], ["*"]);
        TestKeys.Add(settings, "rita", ["reviewer"], ["gated"]);
        TestKeys.Add(settings, "root", ["admin"], ["*"]);
        TestKeys.Add(settings, "audrey", ["auditor"], ["*"]);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return ApiHost.StartAsync(settings);
    }
}
