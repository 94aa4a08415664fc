using HoopOrleans.Connections;
using HoopOrleans.Processes;
using Microsoft.Extensions.Configuration;

namespace HoopOrleans.Grains.Tests.Connections;

/// <summary>
/// The shipped <c>bash</c> connection carries per-run caps wherever it ships (both hosts'
/// appsettings.json and the Kubernetes base), and asks for them only where they can be enforced:
/// a machine without the pids and memory controllers still starts, and runs there without them.
/// </summary>
public sealed class ShippedConnectionTests
{
    private const int ShippedProcesses = 512;
    private const long ShippedMemory = 2L * 1024 * 1024 * 1024;

    public static TheoryData<string> ShippedFiles() =>
    [
        "src/HoopOrleans.Api/appsettings.json",
        "src/HoopOrleans.Silo/appsettings.json",
        "deploy/kubernetes/base/connections.env",
    ];

    private static Dictionary<string, ConnectionOptions> Load(string file)
    {
        var path = Path.Combine(RepositoryRoot.Path, file);
        var builder = new ConfigurationBuilder();
        if (file.EndsWith(".json", StringComparison.Ordinal))
        {
            builder.AddJsonFile(path);
        }
        else
        {
            // An env file as the ConfigMap hands it to the pods: NAME=value lines, "__" for ":".
            builder.AddInMemoryCollection(File.ReadAllLines(path)
                .Where(line => line.Contains('=', StringComparison.Ordinal))
                .Select(line => line.Split('=', 2))
                .Select(pair => new KeyValuePair<string, string?>(pair[0].Replace("__", ":", StringComparison.Ordinal), pair[1])));
        }

        return builder.Build().GetSection(ConnectionOptions.Section).Get<Dictionary<string, ConnectionOptions>>()!;
    }

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void The_shipped_bash_connection_caps_processes_and_memory_where_they_can_be_enforced(string file)
    {
        var bash = Load(file)["bash"];

        Assert.Equal(ShippedProcesses, bash.MaxProcesses);
        Assert.Equal(ShippedMemory, bash.MaxMemoryBytes);
        Assert.True(bash.LimitsWhereEnforceable);
    }

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void A_machine_without_the_controllers_still_starts_with_the_shipped_connection(string file)
    {
        Assert.True(new ConnectionLimitsValidator(processes: false, memory: false).Validate(null, Load(file)).Succeeded);
    }

    [Fact]
    public void Caps_asked_for_where_enforceable_apply_where_they_can_and_are_left_out_where_they_cannot()
    {
        var shipped = Load("src/HoopOrleans.Api/appsettings.json")["bash"];

        Assert.Equal(new RunLimits(ShippedProcesses, ShippedMemory), ConfiguredConnections.Limits("bash", shipped, limitsProcesses: true, limitsMemory: true, logger: null));
        Assert.Equal(new RunLimits(null, ShippedMemory), ConfiguredConnections.Limits("bash", shipped, limitsProcesses: false, limitsMemory: true, logger: null));
        Assert.Equal(new RunLimits(null, null), ConfiguredConnections.Limits("bash", shipped, limitsProcesses: false, limitsMemory: false, logger: null));
    }

    [Fact]
    public void An_operators_caps_without_the_setting_are_still_required()
    {
        var required = new ConnectionOptions { Command = ["bash", "-s"], MaxProcesses = 64, MaxMemoryBytes = 1 << 28 };

        var result = new ConnectionLimitsValidator(processes: false, memory: false).Validate(null, new() { ["ops"] = required });

        Assert.True(result.Failed);
        Assert.Equal(new RunLimits(64, 1 << 28), ConfiguredConnections.Limits("ops", required, limitsProcesses: false, limitsMemory: false, logger: null));
    }
}
