namespace HoopOrleans.Processes;

/// <summary>
/// How the process runner shares the machine between its own work and the runs': bound from the
/// <c>Processes</c> section. Every default is the value the benchmarks (starts per second, answer
/// latency under bursts) were tuned and run with; change one only with a benchmark at hand.
/// </summary>
public sealed class ProcessRunnerOptions
{
    public const string Section = "Processes";

    /// <summary>
    /// Thread-pool work items waiting to run that count as a backlog of calls to answer. While the
    /// pool has more, a start is not made on the caller's thread but queued for the launcher
    /// thread, which holds it back for up to <see cref="MaxBacklogWait"/>: each start is
    /// milliseconds of kernel and program start-up that would otherwise delay the answers of the
    /// burst that asked for the runs. Lower holds starts back sooner; higher lets them compete with
    /// answers. Default 8.
    /// </summary>
    public int BacklogWorkItems { get; set; } = 8;

    /// <summary>
    /// How long the launcher sleeps between two looks at the thread pool's backlog while it holds a
    /// start back. Default 1 ms, the shortest sleep, so a start goes as soon as the backlog clears.
    /// </summary>
    public TimeSpan BacklogPollInterval { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// The longest one start is held back for the thread pool's backlog, so that a silo that stays
    /// busy still starts its runs: answers first, then starts, but never long. Default 50 ms.
    /// </summary>
    public TimeSpan MaxBacklogWait { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The fewest spawner processes a node keeps. A start waits for its spawner to clone, set the
    /// child up and see it exec; with one spawner the starts of a busy node queued behind each other
    /// and left a core idle, so a node keeps one per core, at least this many. Default 2.
    /// </summary>
    public int MinSpawners { get; set; } = 2;

    /// <summary>The most spawner processes a node keeps, however many cores it has. Default 4.</summary>
    public int MaxSpawners { get; set; } = 4;

    /// <summary>
    /// How long a start waits for a free spawner before it fails as could-not-start. Spawners are
    /// busy for milliseconds per start, so only a node that cannot start anything waits this long.
    /// Default 30 s.
    /// </summary>
    public TimeSpan SpawnerWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reads of one run's output per readiness event before the event loop turns to the other runs:
    /// higher lets a heavy writer move more per turn, lower keeps quiet runs from waiting behind it.
    /// Default 16.
    /// </summary>
    public int ReadsPerTurn { get; set; } = 16;

    /// <summary>
    /// The pipe size a run gets once one read finds its default 64 KiB pipe full: a heavy writer then
    /// wakes itself and the event loop less often. Also the size of the loop's read buffer (one read
    /// empties a full pipe) and of one splice to /dev/null past the output cap. Default 1 MiB, Linux's
    /// default <c>pipe-max-size</c>, the most an unprivileged process may ask for.
    /// </summary>
    public int HeavyWriterPipeBytes { get; set; } = 1024 * 1024;
}
