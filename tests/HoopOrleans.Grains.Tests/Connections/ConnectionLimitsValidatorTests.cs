using HoopOrleans.Connections;

namespace HoopOrleans.Grains.Tests.Connections;

/// <summary>A per-run cap the node cannot enforce stops the start naming its key; one it can, or none, passes.</summary>
public sealed class ConnectionLimitsValidatorTests
{
    private static Dictionary<string, ConnectionOptions> Connections() => new()
    {
        ["capped"] = new ConnectionOptions { Command = ["bash", "-s"], MaxProcesses = 64, MaxMemoryBytes = 1 << 28 },
        ["plain"] = new ConnectionOptions { Command = ["bash", "-s"] },
    };

    [Fact]
    public void Caps_a_node_cannot_enforce_are_refused_by_key()
    {
        var result = new ConnectionLimitsValidator(processes: false, memory: false).Validate(null, Connections());

        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, failure => failure.StartsWith("Connections:capped:MaxProcesses cannot be enforced"));
        Assert.Contains(result.Failures!, failure => failure.StartsWith("Connections:capped:MaxMemoryBytes cannot be enforced"));
    }

    [Fact]
    public void Caps_a_node_enforces_pass()
    {
        Assert.True(new ConnectionLimitsValidator(processes: true, memory: true).Validate(null, Connections()).Succeeded);
        Assert.True(new ConnectionLimitsValidator(processes: false, memory: false).Validate(null, new() { ["plain"] = Connections()["plain"] }).Succeeded);
    }
}
