using System.Diagnostics;

namespace HoopOrleans.Testing;

/// <summary>A file's owner, mode and type as the system reports them, the file itself when it is a link (<c>stat</c>, not <c>stat -L</c>).</summary>
public static class FileStatus
{
    /// <summary>"uid:gid mode type", e.g. "0:0 755 directory" or "0:0 777 symbolic link".</summary>
    public static async Task<string> DescribeAsync(string path)
    {
        var start = new ProcessStartInfo("stat") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-c", "%u:%g %a %F", "--", path })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"stat {path} failed ({process.ExitCode}): {await stderr}");
        }

        return (await stdout).TrimEnd('\n');
    }
}
