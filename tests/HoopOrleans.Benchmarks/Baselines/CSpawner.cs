using System.Diagnostics;
using System.Globalization;

namespace HoopOrleans.Benchmarks.Baselines;

/// <summary>
/// The strict baseline of B1 and B2: <c>Native/spawn-bench.c</c>, compiled with <c>cc</c> into the
/// benchmark's folder at its start, posix_spawning the same argv with the same stdin and as many in
/// flight as the service's clients. One process stays up and takes one command per round.
/// </summary>
public sealed class CSpawner : IDisposable
{
    private readonly Process _process;
    private readonly int _expectedBytesPerRun;

    private CSpawner(Process process, int expectedBytesPerRun)
    {
        _process = process;
        _expectedBytesPerRun = expectedBytesPerRun;
    }

    /// <summary>Builds the spawner in <paramref name="work"/> and starts it for <paramref name="argv"/> fed <paramref name="script"/>.</summary>
    /// <param name="expectedOutput">What each run writes to stdout and stderr together: every round checks it.</param>
    public static CSpawner Start(string work, string script, string expectedOutput, params string[] argv)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Native", "spawn-bench.c");
        var binary = Path.Combine(work, "spawn-bench");
        Tools.Run("cc", "-O2", "-Wall", "-Werror", "-pthread", "-o", binary, source);
        var scriptFile = Path.Combine(work, "spawn-bench.script");
        File.WriteAllText(scriptFile, script);

        var start = new ProcessStartInfo(binary) { RedirectStandardInput = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(scriptFile);
        foreach (var arg in argv)
        {
            start.ArgumentList.Add(arg);
        }

        return new CSpawner(Process.Start(start)!, System.Text.Encoding.UTF8.GetByteCount(expectedOutput));
    }

    /// <summary>Starts <paramref name="runs"/> runs, <paramref name="inFlight"/> at a time, and answers the seconds they took.</summary>
    public async Task<double> RunAsync(int runs, int inFlight)
    {
        await _process.StandardInput.WriteLineAsync($"{runs} {inFlight}");
        await _process.StandardInput.FlushAsync();
        var answer = await _process.StandardOutput.ReadLineAsync()
            ?? throw new InvalidOperationException("the C spawner ended");
        var fields = answer.Split(' ');
        var seconds = double.Parse(fields[0], CultureInfo.InvariantCulture);
        var failed = int.Parse(fields[1], CultureInfo.InvariantCulture);
        var bytes = long.Parse(fields[2], CultureInfo.InvariantCulture);
        if (failed != 0 || bytes != (long)runs * _expectedBytesPerRun)
        {
            throw new InvalidOperationException($"the C spawner's runs failed: {failed} of {runs} exited with other than 0, {bytes} bytes of output");
        }

        return seconds;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            // An empty line ends its command loop.
            _process.StandardInput.Close();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
