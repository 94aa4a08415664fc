using System.Diagnostics;
using HoopOrleans.Faults.Load;
using HoopOrleans.Testing.Hosting;

namespace HoopOrleans.Faults.Scenarios;

/// <summary>
/// A soak of the embedded default, as its own process with <c>Retention:MaxStoredBytes</c> at
/// 64 MiB: every session succeeds; after warm-up (by then the padded outputs have filled the cap,
/// so retention deletes as fast as runs add) RSS stays within 10 % (highest of the last three
/// samples against the highest of the first three), descriptors come back to their
/// warm-up count and no run is left a zombie.
/// </summary>
public sealed class Soak(Scale scale)
{
    /// <summary>Spaces each run prints after its token: about 4 KiB a session fills 64 MiB in some 15,000 sessions.</summary>
    private const int Padding = 4000;

    private const long MaxStoredBytes = 64L * 1024 * 1024;

    public async Task<Figure> RunAsync()
    {
        var figure = new Figure($"soak of {scale.SoakSessions:N0} sessions, embedded, 64 MiB retention cap");
        await using var service = await ServiceProcess.StartAsync(
            $"--Retention:MaxStoredBytes={MaxStoredBytes}",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:HoopOrleans.Audit=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information");
        var clock = Stopwatch.StartNew();

        await RunSessionsAsync(service, scale.SoakWarmUp, figure);
        var warm = await SettledAsync(service.Pid, null);

        // In tenths after warm-up, with RSS read after each, so a failure shows whether memory
        // climbs with every session (a leak) or settled higher (the heap finding its size).
        var trend = new List<double> { warm.RssMiB };
        var left = scale.SoakSessions - scale.SoakWarmUp;
        for (var part = 0; part < 10; part++)
        {
            await RunSessionsAsync(service, left / 10 + (part < left % 10 ? 1 : 0), figure);
            trend.Add(ProcessSample.Of(service.Pid).RssMiB);
        }

        var end = await SettledAsync(service.Pid, warm.Descriptors);

        // The garbage collector sizes its heap in steps of tens of MiB, so two single samples can
        // differ by more than the bound with no leak. A leak raises every sample after it: compare
        // the highest of the last three samples with the highest of the first three.
        var settledEnd = Math.Max(end.RssMiB, trend.TakeLast(2).Max());
        var settledStart = trend.Take(3).Max();
        var rssChange = (settledEnd - settledStart) / settledStart;
        figure.Notable = $"{scale.SoakSessions:N0} sessions in {clock.Elapsed.TotalMinutes:F1} min; RSS peak {settledStart:F0} → {settledEnd:F0} MiB ({rssChange:+0.0%;-0.0%}); " +
            $"descriptors {warm.Descriptors} → {end.Descriptors}; zombies {end.Zombies}";
        Console.WriteLine($"  soak RSS after warm-up, then every {left / 10:N0} sessions (MiB): {string.Join(" ", trend.Select(r => r.ToString("F0")))}");
        figure.Expect(end.Zombies == 0, $"{end.Zombies} zombie runs under the service");
        if (scale.Bounded)
        {
            figure.Expect(Math.Abs(rssChange) <= Scale.RssTolerance, $"RSS peak moved {rssChange:P1} after warm-up (bound {Scale.RssTolerance:P0}); MiB after warm-up, then every tenth: {string.Join(" ", trend.Select(r => r.ToString("F0")))}");
            figure.Expect(end.Descriptors <= warm.Descriptors, $"descriptors grew from {warm.Descriptors} to {end.Descriptors}");
        }
        else
        {
            // Quick: a handful of sockets may still be closing; a leak of one per session would be thousands.
            figure.Expect(end.Descriptors <= warm.Descriptors + 32, $"descriptors grew from {warm.Descriptors} to {end.Descriptors}");
        }

        return figure;
    }

    /// <summary>Runs <paramref name="count"/> sessions through eight clients; every one must succeed.</summary>
    private static async Task RunSessionsAsync(ServiceProcess service, int count, Figure figure)
    {
        var load = LoadRun.Start([service.Client], new LoadOptions(Clients: 8, KeyedFraction: 0.1, SlowFraction: 0, PaddingBytes: Padding, Limit: count, KeepOutcomes: false));
        await load.Completion;
        figure.Add(load, null);
        var errors = load.Requests - load.Successes;
        figure.Expect(errors == 0, $"{errors} of {load.Requests} sessions did not succeed: {string.Join("; ", load.Outcomes.Take(3).Select(o => $"{o.Status} {o.Error}"))}");
    }

    /// <summary>
    /// A sample once the runs have been reaped and, when <paramref name="descriptors"/> is given,
    /// the descriptors have come back to it (sockets and pipes close a moment after the last answer);
    /// past a deadline it is taken as it stands, and the checks judge it.
    /// </summary>
    private static async Task<ProcessSample> SettledAsync(int pid, int? descriptors)
    {
        // Settled or not, the caller judges the sample.
        await Until.HeldWithinAsync(TimeSpan.FromSeconds(15), () =>
        {
            var sample = ProcessSample.Of(pid);
            return sample.Zombies == 0 && (descriptors is null || sample.Descriptors <= descriptors);
        });

        return ProcessSample.Of(pid);
    }
}
