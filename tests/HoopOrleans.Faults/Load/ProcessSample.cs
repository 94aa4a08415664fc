namespace HoopOrleans.Faults.Load;

/// <summary>A process's resident memory, open descriptors and zombie descendants, read from /proc.</summary>
public sealed record ProcessSample(long RssBytes, int Descriptors, int Zombies)
{
    public double RssMiB => RssBytes / 1048576.0;

    public static ProcessSample Of(int pid)
    {
        var rss = File.ReadLines($"/proc/{pid}/status").First(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kib = long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        return new ProcessSample(kib * 1024, Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length, ZombiesUnder(pid));
    }

    /// <summary>
    /// Zombies among the process's descendants: a run it (or a helper it started) never reaped.
    /// </summary>
    private static int ZombiesUnder(int pid)
    {
        var processes = new List<(int Pid, int Parent, char State)>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var id))
            {
                continue;
            }

            try
            {
                // The command name may hold spaces and parentheses: the fields follow the last ')'.
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                processes.Add((id, int.Parse(fields[1]), fields[0][0]));
            }
            catch (IOException)
            {
                // Exited since the listing.
            }
        }

        var descendants = new HashSet<int> { pid };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var process in processes.Where(p => descendants.Contains(p.Parent) && !descendants.Contains(p.Pid)))
            {
                grew |= descendants.Add(process.Pid);
            }
        }

        return processes.Count(p => p.Pid != pid && descendants.Contains(p.Pid) && p.State == 'Z');
    }
}
