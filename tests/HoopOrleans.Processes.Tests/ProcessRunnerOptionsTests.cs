using Microsoft.Extensions.Options;

namespace HoopOrleans.Processes.Tests;

public sealed class ProcessRunnerOptionsTests
{
    [Fact]
    public void The_defaults_are_the_values_the_runner_was_benchmarked_with()
    {
        var options = new ProcessRunnerOptions();

        Assert.Equal(8, options.BacklogWorkItems);
        Assert.Equal(TimeSpan.FromMilliseconds(1), options.BacklogPollInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.MaxBacklogWait);
        Assert.Equal(2, options.MinSpawners);
        Assert.Equal(4, options.MaxSpawners);
        Assert.Equal(TimeSpan.FromSeconds(30), options.SpawnerWait);
        Assert.Equal(16, options.ReadsPerTurn);
        Assert.Equal(1024 * 1024, options.HeavyWriterPipeBytes);
        Assert.True(new ProcessRunnerOptionsValidator().Validate(null, options).Succeeded);
    }

    public static TheoryData<string, Action<ProcessRunnerOptions>> BadSettings => new()
    {
        { "Processes:BacklogWorkItems", options => options.BacklogWorkItems = -1 },
        { "Processes:BacklogPollInterval", options => options.BacklogPollInterval = TimeSpan.Zero },
        { "Processes:MaxBacklogWait", options => options.MaxBacklogWait = TimeSpan.FromMilliseconds(-1) },
        { "Processes:MaxBacklogWait", options => options.MaxBacklogWait = TimeSpan.FromMinutes(1) },
        { "Processes:MinSpawners", options => options.MinSpawners = 0 },
        { "Processes:MaxSpawners", options => options.MaxSpawners = 1 },
        { "Processes:MaxSpawners", options => options.MaxSpawners = 65 },
        { "Processes:SpawnerWait", options => options.SpawnerWait = TimeSpan.Zero },
        { "Processes:ReadsPerTurn", options => options.ReadsPerTurn = 0 },
        { "Processes:HeavyWriterPipeBytes", options => options.HeavyWriterPipeBytes = 4096 },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_bad_setting_is_refused_by_its_key(string key, Action<ProcessRunnerOptions> spoil)
    {
        var options = new ProcessRunnerOptions();
        spoil(options);

        var result = new ProcessRunnerOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key + " ", result.FailureMessage);
    }

    [Fact]
    public async Task Settings_reach_the_runner_a_small_read_per_turn_still_reads_everything()
    {
        var options = Options.Create(new ProcessRunnerOptions { ReadsPerTurn = 1, HeavyWriterPipeBytes = 64 * 1024, MinSpawners = 1, MaxSpawners = 1 });
        using var loop = new ProcessEventLoop(options: options);

        Assert.Equal(1, loop.ReadsPerTurn);
        Assert.Equal(64 * 1024, loop.Scratch.Length);
        using var harness = new RunnerHarness(options);
        var outcome = await harness.RunAsync("seq 1 200000");

        Assert.Equal(string.Concat(Enumerable.Range(1, 200_000).Select(i => $"{i}\n")), RunnerHarness.Text(outcome));
    }
}
