using System.Diagnostics;

namespace HoopOrleans.Benchmarks;

/// <summary>A process of the service (or of the baseline web server) started for the run and stopped after.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process, int port, int grpcPort)
    {
        _process = process;
        Port = port;
        GrpcPort = grpcPort;
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
    }

    public int Port { get; }

    /// <summary>The port of the service's gRPC listener (<c>Grpc:Urls</c>), where hoop's CLI connects.</summary>
    public int GrpcPort { get; }

    public HttpClient Client { get; }

    public int Pid => _process.Id;

    /// <summary>Starts <c>dotnet <paramref name="dll"/></c> with its folder as working directory and waits until <paramref name="readyPath"/> answers.</summary>
    public static async Task<ServiceProcess> StartAsync(string dll, string readyPath, params string[] args)
    {
        var port = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");

        // A front end's gRPC listener for hoop's CLI defaults to port 8010: several front ends on
        // one machine (B7) each take a port of their own, and one known here, not the kernel's
        // choice of a :0, so that B8's clients can connect to it.
        var grpcPort = FreePorts.Next();
        start.ArgumentList.Add($"--Grpc:Urls=http://127.0.0.1:{grpcPort}");

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(process, port, grpcPort);
        var answered = false;
        await Until.HeldWithinAsync(TimeSpan.FromMinutes(2), async () =>
        {
            try
            {
                using var response = await service.Client.GetAsync(readyPath);
                answered = response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            return answered || process.HasExited;
        });
        if (!answered)
        {
            throw new InvalidOperationException($"{dll} did not become ready");
        }

        return service;
    }

    /// <summary>A line of /proc/PID/status in bytes, such as VmRSS or VmHWM.</summary>
    public long MemoryBytes(string field) => MemoryOf(Pid, field);

    /// <summary>CPU seconds the process itself has used (user and system), from /proc.</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }

    /// <summary>How many of the process's children run <paramref name="command"/> (their name in /proc, at most 15 characters).</summary>
    public int ChildrenRunning(string command) => Directory.GetDirectories($"/proc/{Pid}/task")
        .SelectMany(task => (ReadOrNull(Path.Combine(task, "children")) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Count(child => ReadOrNull($"/proc/{child}/comm")?.TrimEnd('\n') == command);

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            // The thread or process exited since it was listed.
            return null;
        }
    }

    public static long MemoryOf(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
