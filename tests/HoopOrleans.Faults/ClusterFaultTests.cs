using HoopOrleans.Faults.Scenarios;
using HoopOrleans.Testing.Cluster;
using Xunit.Abstractions;

namespace HoopOrleans.Faults;

/// <summary>
/// The fault suite's CI subset: every scenario at <see cref="Scale.Quick"/>, on the local cluster
/// the collection shares. Each passes when no result is lost, no answer is a 5xx other than 503
/// and none hangs; timing and memory bounds are the full run's (<c>Program</c>).
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ClusterFaultTests(LocalCluster cluster, ITestOutputHelper output)
{
    private readonly ClusterStage _stage = new(cluster, Scale.Quick);

    [Fact]
    public async Task PostgreSQL_stopped_under_load_answers_503_and_loses_no_result() => Passes(await new PostgresOutage(_stage).RunAsync());

    [Fact]
    public async Task A_silo_killed_under_load_loses_only_its_own_runs_and_nothing_hangs() => Passes(await new SiloKills(_stage).RunAsync());

    [Fact]
    public async Task A_silo_stopped_mid_run_finishes_and_stores_its_runs() => Passes(await new SiloDrain(_stage).RunAsync());

    [Fact]
    public async Task A_front_end_killed_mid_request_leaves_each_keyed_run_found_again_and_run_once() => Passes(await new FrontEndKill(_stage).RunAsync());

    [Fact]
    public async Task A_whole_cluster_restart_keeps_every_finished_session_as_it_read() => Passes(await new ClusterRestart(_stage).RunAsync());

    private void Passes(Figure figure)
    {
        output.WriteLine(figure.ToString());
        Assert.True(figure.Passed, figure.ToString());
    }
}
