namespace HoopOrleans.Benchmarks;

/// <summary>
/// CPU time the whole machine spent busy, from /proc/stat: what a run costs across every process
/// involved. Interrupt time is also given apart: the kernel does loopback TCP's receiving side there,
/// and no process is charged for it.
/// </summary>
public readonly record struct MachineCpu(double BusySeconds, double InterruptSeconds)
{
    public static MachineCpu Now()
    {
        // cpu  user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int i) => long.Parse(fields[i]);
        var interrupts = (Field(6) + Field(7)) / 100.0;
        return new MachineCpu((Field(1) + Field(2) + Field(3) + Field(8)) / 100.0 + interrupts, interrupts);
    }

    public static MachineCpu operator -(MachineCpu after, MachineCpu before) =>
        new(after.BusySeconds - before.BusySeconds, after.InterruptSeconds - before.InterruptSeconds);
}
