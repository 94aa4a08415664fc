using System.Collections.Concurrent;

namespace HoopOrleans.Processes;

/// <summary>
/// Finds a program the way execvp would, but on the PATH the run itself gets rather than the
/// service's, and remembers what it found: a service's own PATH often starts with directories
/// that hold no such program, and every miss was a failed exec on each start.
/// </summary>
internal static class ProgramPath
{
    private const string DefaultPath = "/usr/local/bin:/usr/bin:/bin";

    private static readonly ConcurrentDictionary<(string Path, string Program), string> Found = new();

    /// <summary>The program's full path, or null when no directory of the PATH has it as an executable file.</summary>
    public static string? Resolve(string program, IReadOnlyList<string> environment, string? forget = null)
    {
        if (program.Contains('/'))
        {
            return program;
        }

        var path = DefaultPath;
        foreach (var entry in environment)
        {
            if (entry.StartsWith("PATH=", StringComparison.Ordinal))
            {
                path = entry[5..];
            }
        }

        var key = (path, program);
        if (forget is not null)
        {
            Found.TryRemove(new KeyValuePair<(string, string), string>(key, forget));
        }
        else if (Found.TryGetValue(key, out var known))
        {
            return known;
        }

        foreach (var directory in path.Split(':'))
        {
            // An empty entry means the working directory, as for execvp.
            var candidate = Path.Combine(directory.Length == 0 ? "." : directory, program);
            if (Libc.access(candidate, Libc.X_OK) == 0 && !Directory.Exists(candidate))
            {
                Found[key] = candidate;
                return candidate;
            }
        }

        return null;
    }
}
