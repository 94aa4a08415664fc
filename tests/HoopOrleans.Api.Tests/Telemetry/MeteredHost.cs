namespace HoopOrleans.Api.Tests.Telemetry;

/// <summary>
/// A keyless front end whose connections no other test uses, so the measurements tagged with them
/// are this class's alone: <c>metered</c> and <c>metered-review</c> (which waits for a review).
/// It runs one program at a time, so a second run at once is refused with <c>429</c>.
/// </summary>
public sealed class MeteredHost : IAsyncLifetime
{
    public const string Connection = "metered";
    public const string ReviewedConnection = "metered-review";

    public Measurements Measurements { get; } = new();

    public ApiHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await ApiHost.StartAsync(new Dictionary<string, string>
        {
            [$"Connections:{Connection}:Command:0"] = "bash",
            [$"Connections:{Connection}:Command:1"] = "-s",
            [$"Connections:{ReviewedConnection}:Command:0"] = "bash",
            [$"Connections:{ReviewedConnection}:Command:1"] = "-s",
            [$"Connections:{ReviewedConnection}:Review"] = "true",
            ["Sessions:MaxConcurrentRuns"] = "1",
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Measurements.Dispose();
    }
}
