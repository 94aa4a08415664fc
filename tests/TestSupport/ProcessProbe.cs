namespace HoopOrleans.TestSupport;

/// <summary>Watches processes the tests did not start themselves, through /proc.</summary>
public static class ProcessProbe
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);

    /// <summary>Waits for a script to write a process id into <paramref name="path"/>.</summary>
    public static async Task<int> ReadPidAsync(string path)
    {
        using var deadline = new CancellationTokenSource(Limit);
        while (true)
        {
            if (File.Exists(path) && int.TryParse((await File.ReadAllTextAsync(path, deadline.Token)).Trim(), out var pid))
            {
                return pid;
            }

            await Task.Delay(Step, deadline.Token);
        }
    }

    /// <summary>Whether the process is gone (or a zombie nobody has reaped yet) within a generous limit.</summary>
    public static async Task<bool> WaitUntilGoneAsync(int pid)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (DateTime.UtcNow < deadline)
        {
            if (IsGone(pid))
            {
                return true;
            }

            await Task.Delay(Step);
        }

        return IsGone(pid);
    }

    private static bool IsGone(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
