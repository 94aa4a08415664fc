namespace HoopOrleans.Api.Tests.Sessions;

/// <summary>
/// A front end of its own with seven sessions made in order: six finished, on the bash and sh
/// connections, and the last still running. The listing sees nothing else.
/// </summary>
public sealed class ListingHost : IAsyncLifetime
{
    public ApiHost Host { get; private set; } = null!;

    public List<string> Ids { get; } = [];

    /// <summary>The start of the fourth session: three started before it, four at or after it.</summary>
    public DateTimeOffset Middle { get; private set; }

    public async Task InitializeAsync()
    {
        Host = await ApiHost.StartAsync(new Dictionary<string, string>
        {
            ["Connections:sh:Command:0"] = "sh",
            ["Connections:sh:Command:1"] = "-s",
        });
        for (var i = 0; i < 6; i++)
        {
            var connection = i % 3 == 2 ? "sh" : "bash";
            var (_, body) = await Host.Client.PostAsync("/api/sessions", new { connection, script = $"echo {i}", metadata = new { n = i } });
            Ids.Add(body.GetProperty("session_id").GetString()!);
        }

        var (_, running) = await Host.Client.PostAsync("/api/sessions?wait=0", new { connection = "bash", script = "sleep 600" });
        Ids.Add(running.GetProperty("session_id").GetString()!);
        Middle = (await Host.Client.GetJsonAsync($"/api/sessions/{Ids[3]}")).Body.GetProperty("start_date").GetDateTimeOffset();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
