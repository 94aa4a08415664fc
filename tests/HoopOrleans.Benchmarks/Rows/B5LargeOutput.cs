using System.Diagnostics;

namespace HoopOrleans.Benchmarks.Rows;

/// <summary>B5: a run writing 1 GiB with the 4 MiB cap, against <c>head -c 1G /dev/zero | cat &gt; /dev/null</c>.</summary>
public static class B5LargeOutput
{
    public static async Task RunAsync(Bench bench)
    {
        Bench.Step("B5: a run writing 1 GiB with the 4 MiB cap");
        var service = bench.Service;

        // One small truncated run first, so the first measured one does not pay for the JIT; then
        // the median of three of each, taken alternately.
        await bench.PostAsync("bash", "head -c 67108864 /dev/zero", "?wait=300");
        var rssBefore = service.MemoryBytes("VmRSS");
        var hwmBefore = service.MemoryBytes("VmHWM");
        var servedTimes = new List<double>();
        var directTimes = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            // Read as bytes, as curl would: parsing 24 MB of escaped NULs is the client's cost, not the service's.
            using (var response = await bench.Client.PostAsJsonAsync("/api/sessions?wait=300", new { connection = "bash", script = "head -c 1073741824 /dev/zero" }))
            {
                var body = await response.Content.ReadAsByteArrayAsync();
                servedTimes.Add(clock.Elapsed.TotalSeconds);
                if (response.StatusCode != System.Net.HttpStatusCode.OK || !body.AsSpan().EndsWith("\"truncated\":true}"u8))
                {
                    throw new InvalidOperationException("the 1 GiB run did not finish truncated at the cap");
                }
            }

            clock.Restart();
            Tools.Run("bash", "-c", "head -c 1073741824 /dev/zero | cat > /dev/null");
            directTimes.Add(clock.Elapsed.TotalSeconds);
        }

        var servedSeconds = Stats.Percentile(servedTimes, 50);
        var directSeconds = Stats.Percentile(directTimes, 50);
        var growth = Math.Max(0, service.MemoryBytes("VmHWM") - Math.Max(hwmBefore, rssBefore)) / 1048576.0;
        bench.Add(new Row("B5", "1 GiB of output, throughput (median of 3)", 1024 / servedSeconds, 1024 / directSeconds, "MiB/s", "≥ 0.5 × baseline", servedSeconds <= 2 * directSeconds));
        bench.Add(new Row("B5", "1 GiB of output, peak RSS growth", growth, null, "MiB", "≤ 64 MiB", growth <= 64));
    }
}
