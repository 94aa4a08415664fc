using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace HoopOrleans.Testing.Hosting;

/// <summary>
/// The embedded service as an operator runs it: its own process on a port of its own, which a test
/// can signal like an orchestrator does and whose log lines it can wait for.
/// </summary>
/// <remarks>
/// It runs the <c>HoopOrleans.Api.dll</c> beside the running tests: a project that uses it references
/// src/HoopOrleans.Api, which puts the service and its dependencies in the project's output.
/// </remarks>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const int SIGTERM = 15;
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];

    // Reading stdout and stderr to their ends: the last lines a process writes may still be on their
    // way here when its exit is seen.
    private readonly Task _pumps;

    private ServiceProcess(Process process, int port)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
        _pumps = Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError));
    }

    public HttpClient Client { get; }

    /// <summary>The service's process id, to read its memory, descriptors and children in /proc.</summary>
    public int Pid => _process.Id;

    /// <summary>Every line the service wrote so far.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    public static Task<ServiceProcess> StartAsync(params string[] args) => StartAsync(new Dictionary<string, string>(), args);

    /// <summary>Starts the service with <paramref name="environment"/> added to this process's own, as an operator passes secrets.</summary>
    public static async Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var port = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory.CreateTempSubdirectory("hoop-api-").FullName,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HoopOrleans.Api.dll"));
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        start.ArgumentList.Add($"--Orleans:SiloPort={FreePorts.Next()}");
        start.ArgumentList.Add("--Grpc:Urls=http://127.0.0.1:0");
        start.ArgumentList.Add($"--Orleans:ClusterId=test-{Guid.NewGuid():N}");
        start.ArgumentList.Add("--Connections:bash:Command:0=bash");
        start.ArgumentList.Add("--Connections:bash:Command:1=-s");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || name.EndsWith("HTTP_PORTS", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var service = new ServiceProcess(Process.Start(start)!, port);
        await service.WaitForLineAsync("Now listening on");
        return service;
    }

    /// <summary>Sends SIGTERM, as <c>kill</c>, systemd or Kubernetes do to stop it.</summary>
    public void Terminate()
    {
        if (kill(_process.Id, SIGTERM) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Waits for a line containing <paramref name="text"/>, one already written included.</summary>
    public async Task<string> WaitForLineAsync(string text)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        lock (_seen)
        {
            if (_seen.FirstOrDefault(line => line.Contains(text, StringComparison.Ordinal)) is { } seen)
            {
                return seen;
            }
        }

        await foreach (var line in _lines.Reader.ReadAllAsync(deadline.Token))
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new InvalidOperationException($"the service ended without writing '{text}':\n{string.Join('\n', Output)}");
    }

    /// <summary>Waits for the service to exit and for every line it wrote to be in <see cref="Output"/>.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await _process.WaitForExitAsync(deadline.Token);
        await _pumps.WaitAsync(deadline.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_seen)
            {
                _seen.Add(line);
            }

            _lines.Writer.TryWrite(line);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
