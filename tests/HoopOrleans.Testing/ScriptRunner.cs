using System.Diagnostics;

namespace HoopOrleans.Testing;

/// <summary>Runs the repository's shell scripts (deploy/local/*.sh) the way an operator would.</summary>
public static class ScriptRunner
{
    /// <summary>Runs <paramref name="script"/> (relative to the repository) and returns its standard output; throws with its error output when it fails.</summary>
    public static async Task<string> RunAsync(string script, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}\n{await stdout}");
        }

        return await stdout;
    }
}
