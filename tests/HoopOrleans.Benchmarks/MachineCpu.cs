namespace HoopOrleans.Benchmarks;

/// <summary>CPU time the whole machine spent busy, from /proc/stat: what a run costs across every process involved.</summary>
public static class MachineCpu
{
    public static double BusySeconds()
    {
        // cpu  user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int i) => long.Parse(fields[i]);
        return (Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8)) / 100.0;
    }
}
