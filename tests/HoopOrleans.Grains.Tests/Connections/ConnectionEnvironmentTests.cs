using HoopOrleans.Connections;
using Microsoft.Extensions.Options;

namespace HoopOrleans.Grains.Tests.Connections;

/// <summary>What a connection hands the process runner as a run's environment.</summary>
public sealed class ConnectionEnvironmentTests
{
    [Fact]
    public void A_connection_environment_holds_its_env_and_a_few_basics_of_the_service_not_the_rest()
    {
        Environment.SetEnvironmentVariable("HOOP_TEST_SERVICE_SECRET", "do-not-leak");
        var catalog = new ConfiguredConnections(Options.Create(new Dictionary<string, ConnectionOptions>
        {
            ["test"] = new() { Command = ["bash", "-s"], Env = new Dictionary<string, string> { ["GREETING"] = "hi there" } },
        }));

        Assert.True(catalog.TryGet("test", out var connection));
        var environment = connection.RunAs(RunUsers.User(null, "/home/tester", "tester")).Environment;
        Assert.Contains("GREETING=hi there", environment);
        Assert.Contains("HOME=/home/tester", environment);
        Assert.Contains(environment, entry => entry.StartsWith("PATH=", StringComparison.Ordinal));
        Assert.All(environment, entry => Assert.Contains(entry[..entry.IndexOf('=')], ConfiguredConnections.InheritedVariables.Add("GREETING")));
    }
}
