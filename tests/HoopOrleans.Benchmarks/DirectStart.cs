using System.Diagnostics;

namespace HoopOrleans.Benchmarks;

/// <summary>The baseline: the same argv and stdin started directly with .NET's Process, output read to the end.</summary>
public static class DirectStart
{
    public static async Task RunAsync(string script)
    {
        var start = new ProcessStartInfo("bash", "-s")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await Task.WhenAll(stdout, stderr, process.WaitForExitAsync());
    }
}
