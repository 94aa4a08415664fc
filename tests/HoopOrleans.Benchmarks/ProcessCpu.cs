namespace HoopOrleans.Benchmarks;

/// <summary>
/// CPU seconds spent so far by the processes of each role on this machine (silos, front ends,
/// PostgreSQL), from /proc: where a cluster's cost per run goes.
/// </summary>
public static class ProcessCpu
{
    /// <param name="otherThan">A process left out: the embedded service, which is also a front end's program.</param>
    public static Dictionary<string, double> ByRole(int otherThan)
    {
        var roles = new Dictionary<string, double> { ["silos"] = 0, ["front ends"] = 0, ["PostgreSQL"] = 0 };
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == otherThan)
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(folder, "cmdline"));
                var role = commandLine.Contains("HoopOrleans.Silo.dll") ? "silos"
                    : commandLine.Contains("HoopOrleans.Api.dll") ? "front ends"
                    : commandLine.StartsWith("postgres", StringComparison.Ordinal) || commandLine.Contains("/postgres\0") ? "PostgreSQL"
                    : null;
                if (role is null)
                {
                    continue;
                }

                // Fields after the command name: utime and stime are the 14th and 15th of the whole line.
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                roles[role] += (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
        }

        return roles;
    }
}
