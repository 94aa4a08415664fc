using System.Diagnostics;

namespace HoopOrleans.Benchmarks;

/// <summary>Programs the benchmark runs to their end: the build, the C compiler, the B5 baseline.</summary>
public static class Tools
{
    public static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments))!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}");
        }
    }

    /// <summary>Whether <paramref name="program"/> is on the PATH.</summary>
    public static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));
}
