using HoopOrleans.Faults.Scenarios;
using Xunit.Abstractions;

namespace HoopOrleans.Faults;

/// <summary>The embedded default's share of the CI subset: hostile input and a short soak.</summary>
public sealed class EmbeddedFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Hostile_input_on_every_route_gets_a_4xx_with_a_message_or_a_success() => Passes(await new HostileInput(Scale.Quick).RunAsync());

    [Fact]
    public async Task A_short_soak_succeeds_every_session_and_leaves_no_zombie_or_leaked_descriptor() => Passes(await new Soak(Scale.Quick).RunAsync());

    private void Passes(Figure figure)
    {
        output.WriteLine(figure.ToString());
        Assert.True(figure.Passed, figure.ToString());
    }
}
