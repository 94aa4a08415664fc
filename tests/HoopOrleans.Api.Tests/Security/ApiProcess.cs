using System.Diagnostics;

namespace HoopOrleans.Api.Tests.Security;

/// <summary>The front end as an operator starts it: its own process, configured by environment and arguments.</summary>
public static class ApiProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    /// <summary>Starts the service and waits for it to stop by itself; kills it if it has not within a minute.</summary>
    public static async Task<(int? ExitCode, string Output)> RunUntilExitAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory.CreateTempSubdirectory("hoop-api-").FullName,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HoopOrleans.Api.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || name.EndsWith("HTTP_PORTS", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["Orleans__SiloPort"] = FreePorts.Next().ToString();
        start.Environment["Orleans__GatewayPort"] = FreePorts.Next().ToString();
        start.Environment["Orleans__ClusterId"] = $"test-{Guid.NewGuid():N}";
        start.Environment["Grpc__Urls"] = "http://127.0.0.1:0";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (null, await stdout + await stderr);
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
