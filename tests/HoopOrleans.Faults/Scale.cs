namespace HoopOrleans.Faults;

/// <summary>
/// How hard the suite pushes. <see cref="Full"/> is the suite, run by <c>Program.Main</c>;
/// <see cref="Quick"/> is the subset CI runs as xunit tests, the same scenarios with smaller numbers
/// and no timing or memory bounds (those depend on the machine, and CI shares it).
/// </summary>
/// <param name="Name">quick or full.</param>
/// <param name="Clients">Concurrent load clients against the cluster.</param>
/// <param name="PostgresDown">How long PostgreSQL stays stopped.</param>
/// <param name="KillRounds">Rounds of kill -9 of a silo, alternating silos.</param>
/// <param name="SessionsPerPhase">Successful sessions the load completes in each phase (before a fault, during it, after it).</param>
/// <param name="HostilePerRoute">Generated malformed requests per route.</param>
/// <param name="SoakSessions">Sessions the soak runs on the embedded default.</param>
/// <param name="SoakWarmUp">Sessions after which the soak takes its first memory and descriptor sample.</param>
/// <param name="Bounded">Whether the machine-dependent bounds apply: a dead silo's sessions answer within 5 s, RSS stays within 10 %.</param>
public sealed record Scale(
    string Name,
    int Clients,
    TimeSpan PostgresDown,
    int KillRounds,
    int SessionsPerPhase,
    int HostilePerRoute,
    int SoakSessions,
    int SoakWarmUp,
    bool Bounded)
{
    /// <summary>The CI subset: a few minutes on two cores.</summary>
    public static readonly Scale Quick = new("quick", 6, TimeSpan.FromSeconds(5), 1, 15, 100, 3_000, 1_000, Bounded: false);

    /// <summary>The suite.</summary>
    public static readonly Scale Full = new("full", 8, TimeSpan.FromSeconds(20), 3, 60, 500, 100_000, 30_000, Bounded: true);

    /// <summary>The slowest answer a session on a killed silo may take (checked when <see cref="Bounded"/>).</summary>
    public static readonly TimeSpan DeadSiloAnswerBound = TimeSpan.FromSeconds(5);

    /// <summary>How far the soak's RSS may move from its post-warm-up figure (checked when <see cref="Bounded"/>).</summary>
    public const double RssTolerance = 0.10;
}
