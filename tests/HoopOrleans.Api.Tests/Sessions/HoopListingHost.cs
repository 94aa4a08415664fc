using System.Net;
using HoopOrleans.Api.Tests.Compatibility;

namespace HoopOrleans.Api.Tests.Sessions;

/// <summary>
/// A <see cref="HoopHost"/> with seven sessions made in order, and nothing else to list: alice's on
/// bash, on pg (hoop's type <c>database</c>) and one on gated waiting for review; bob's on bash,
/// and three on gated: one waiting, one approved by rita, one rejected by root.
/// </summary>
public sealed class HoopListingHost : IAsyncLifetime
{
    private readonly HoopHost _hoop = new();

    private readonly List<string> _made = [];

    /// <summary>The sessions' ids by name.</summary>
    public Dictionary<string, string> Ids { get; } = [];

    public HttpClient As(string name) => _hoop.As(name);

    public async Task InitializeAsync()
    {
        await _hoop.InitializeAsync();
        await RunAsync("alice-bash", "alice", "bash");
        await RunAsync("alice-pg", "alice", "pg");
        await RunAsync("alice-pending", "alice", "gated");
        await RunAsync("bob-bash", "bob", "bash");
        await RunAsync("bob-pending", "bob", "gated");
        await RunAsync("bob-approved", "bob", "gated");
        await RunAsync("bob-rejected", "bob", "gated");
        await ReviewAsync("rita", Ids["bob-approved"], "APPROVED");
        await ReviewAsync("root", Ids["bob-rejected"], "REJECTED");
    }

    public async Task DisposeAsync() => await _hoop.DisposeAsync();

    /// <summary>The ids of the named sessions, newest first, as a listing orders them.</summary>
    public string[] NewestFirst(params string[] names) =>
        [.. Enumerable.Reverse(_made).Where(names.Contains).Select(name => Ids[name])];

    private async Task RunAsync(string name, string who, string connection)
    {
        using var client = _hoop.As(who);
        var (status, created) = await client.PostAsync("/api/sessions", new { connection, script = $"echo {name}" });
        Assert.Equal(HttpStatusCode.OK, status);
        Ids.Add(name, created.GetProperty("session_id").GetString()!);
        _made.Add(name);
    }

    private async Task ReviewAsync(string reviewer, string id, string status)
    {
        using var client = _hoop.As(reviewer);
        using var response = await client.PutAsync($"/api/sessions/{id}/review", Http.Json(new { status }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
