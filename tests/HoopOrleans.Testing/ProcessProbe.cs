namespace HoopOrleans.Testing;

/// <summary>Watches processes the tests did not start themselves, through /proc.</summary>
public static class ProcessProbe
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Waits for a script to write a process id into <paramref name="path"/>.</summary>
    public static async Task<int> ReadPidAsync(string path)
    {
        var pid = 0;
        await Until.HoldsAsync($"a process id in {path}", () => File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), out pid), Limit);
        return pid;
    }

    /// <summary>Whether the process is gone (or a zombie nobody has reaped yet) within a generous limit.</summary>
    public static Task<bool> WaitUntilGoneAsync(int pid) => Until.HeldWithinAsync(Limit, () => IsGone(pid));

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
