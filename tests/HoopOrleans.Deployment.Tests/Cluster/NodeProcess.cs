using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HoopOrleans.Deployment.Tests.Cluster;

/// <summary>
/// A published silo or front end started as its container starts it: its entry point, from its
/// folder, with the container's environment and nothing of the test's (but PATH, to find dotnet
/// and bash, and a HOME of its own, which Docker sets too).
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private const int SIGTERM = 15;
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly Task _pumps;

    private NodeProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _pumps = Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError));
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Every line it wrote so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <param name="entryPoint">The image's entry point after any init (<c>dotnet X.dll</c>).</param>
    public static NodeProcess Start(string name, string folder, IReadOnlyList<string> entryPoint, IReadOnlyDictionary<string, string> environment, string home)
    {
        var start = new ProcessStartInfo(entryPoint[0])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in entryPoint.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        start.Environment["PATH"] = System.Environment.GetEnvironmentVariable("PATH");
        start.Environment["HOME"] = home;
        foreach (var (variable, value) in environment)
        {
            start.Environment[variable] = value;
        }

        return new NodeProcess(name, Process.Start(start)!);
    }

    /// <summary>SIGTERM, as the orchestrator stops it; killed if it has not exited within the wait.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = kill(_process.Id, SIGTERM);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        await _pumps;
        _process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
