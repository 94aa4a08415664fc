namespace HoopOrleans.Processes.Tests;

/// <summary>Every descriptor has one owner: closed once, kept open while in use, none left behind by a run however it ends.</summary>
[Collection(nameof(DescriptorCount))]
public sealed class DescriptorTests
{
    [Fact]
    public void A_second_dispose_does_not_close_the_descriptor_that_took_the_number_since()
    {
        var (read, write) = DescriptorPairs.Pipe("test");
        read.Dispose();
        var (reused, other) = DescriptorPairs.Pipe("test");

        read.Dispose();

        Assert.True(IsOpen(NumberOf(reused)));
        Assert.True(IsOpen(NumberOf(other)));
        foreach (var handle in new[] { write, reused, other })
        {
            handle.Dispose();
        }
    }

    [Fact]
    public void A_leased_descriptor_closes_when_the_lease_ends_not_before()
    {
        var (read, write) = DescriptorPairs.Pipe("test");
        var number = NumberOf(read);
        using (var lease = read.Lease())
        {
            read.Dispose();

            Assert.True(IsOpen(lease.Number));
        }

        Assert.False(IsOpen(number));
        Assert.Throws<ObjectDisposedException>(() => read.Lease());
        write.Dispose();
    }

    [Fact]
    public void A_call_that_makes_no_descriptor_is_seen_as_failed_with_its_errno()
    {
        // open returns an int -1; the marshaller reads the handle as a whole register.
        using var missing = Libc.open("/nonexistent/hoop-file", Libc.O_RDONLY | Libc.O_CLOEXEC);
        var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();

        Assert.True(missing.IsInvalid);
        Assert.Equal(Libc.ENOENT, errno);
    }

    [Fact]
    public async Task Runs_leave_no_descriptor_open_however_they_end()
    {
        using var harness = new RunnerHarness();
        var runner = harness.Runner(maxOutputBytes: 1000);
        await harness.RunAsync("echo warm-up", runner: runner);

        // Earlier tests' loops were disposed before they reaped their spawners and orphan guards,
        // whose pidfds their finalizers close: at once here, not between the two counts.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = OpenDescriptors();

        var outcomes = await Task.WhenAll(
            harness.RunAsync("echo done", runner: runner),
            harness.RunAsync("", ["/nonexistent/hoop-program"], runner: runner),
            harness.RunAsync("sleep 60", timeout: TimeSpan.FromMilliseconds(200), runner: runner),
            harness.RunAsync("head -c 5000000 /dev/zero", runner: runner),
            harness.RunAsync(new string('x', 1_000_000), ["true"], runner: runner));

        Assert.Equal(
            [RunEnding.Exited, RunEnding.NotStarted, RunEnding.TimedOut, RunEnding.Exited, RunEnding.Exited],
            outcomes.Select(outcome => outcome.Ending));
        Assert.Equal(before, OpenDescriptors());
    }

    private static int NumberOf(SafeFileDescriptorHandle descriptor)
    {
        using var lease = descriptor.Lease();
        return lease.Number;
    }

    private static bool IsOpen(int number) => Libc.fcntl(number, Libc.F_GETFD) != -1;

    /// <summary>Each open descriptor with what it is (a pipe, a socket, a file), bar the one listing them.</summary>
    private static List<string> OpenDescriptors()
    {
        var listing = new DirectoryInfo("/proc/self/fd");
        return [.. listing.EnumerateFileSystemInfos()
            .Select(entry => (Number: int.Parse(entry.Name), Target: entry.LinkTarget))
            .Where(entry => entry.Target != $"/proc/{Environment.ProcessId}/fd")
            .OrderBy(entry => entry.Number)
            .Select(entry => $"{entry.Number} -> {entry.Target}")];
    }
}
