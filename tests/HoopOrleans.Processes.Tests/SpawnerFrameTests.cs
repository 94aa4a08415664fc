using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace HoopOrleans.Processes.Tests;

/// <summary>
/// A start too big for the spawner's frame is refused for that run only: the spawner that would
/// have read it, and every run of the node, go on.
/// </summary>
public sealed class SpawnerFrameTests
{
    [Fact]
    public async Task A_start_over_the_frame_limit_is_refused_and_the_runs_around_it_go_on()
    {
        using var harness = new RunnerHarness();
        var runner = harness.Runner();
        var folder = SharedFolders.Create("hoop-frame-");
        var running = harness.Start($"echo started; while [ ! -e {folder}/go ]; do sleep 0.02; done; echo finished", runner: runner);
        await running.Output.WaitForMoreThanAsync(0);

        var huge = await harness.RunAsync("", ["bash", "-c", "true", new string('x', NativeSpawner.MaxRequestBytes)], runner: runner);
        var next = await harness.RunAsync("echo next", runner: runner);
        await File.WriteAllTextAsync(Path.Combine(folder, "go"), "");
        var first = await running.Completion;

        Assert.Equal((RunEnding.NotStarted, null), (huge.Ending, huge.ExitCode));
        Assert.StartsWith("could not start bash: ", RunnerHarness.Text(huge));
        Assert.Contains($"more than the {NativeSpawner.MaxRequestBytes} a start may carry", RunnerHarness.Text(huge));
        Assert.Equal((RunEnding.Exited, 0, "next\n"), (next.Ending, next.ExitCode, RunnerHarness.Text(next)));
        Assert.Equal((RunEnding.Exited, 0, "started\nfinished\n"), (first.Ending, first.ExitCode, RunnerHarness.Text(first)));
    }

    /// <summary>
    /// The service never sends such a frame (the test above); the spawner, given one anyway, reads
    /// past it, answers E2BIG and serves the next request.
    /// </summary>
    [Fact]
    public unsafe void The_spawner_refuses_a_frame_over_its_limit_and_serves_the_next()
    {
        var (socket, theirs) = DescriptorPairs.UnixStreamSockets("test");
        ChildProcess spawner;
        using (theirs)
        {
            spawner = HelperProcesses.SpawnWithStdio(Path.Combine(AppContext.BaseDirectory, NativeSpawner.FileName), [NativeSpawner.FileName, "-"], ["PATH=/usr/bin:/bin"], theirs);
        }

        using (socket)
        {
            var (input, inputWriter) = DescriptorPairs.Pipe("test");
            var (outputReader, output) = DescriptorPairs.Pipe("test");
            var oversized = new byte[4 + NativeSpawner.MaxRequestBytes + 1];
            BinaryPrimitives.WriteInt32LittleEndian(oversized, NativeSpawner.MaxRequestBytes + 1);
            Send(socket, oversized, input, output);
            Assert.Equal((Libc.E2BIG, 0), Answer(socket));

            Send(socket, ShellRequest("echo served"), input, output);
            var (error, pid) = Answer(socket);
            input.Dispose();
            output.Dispose();
            inputWriter.Dispose();

            Assert.Equal(0, error);
            Assert.Equal("served\n", ReadToEnd(outputReader));
            int status;
            Assert.Equal(pid, Libc.waitpid(pid, &status, 0));
            Assert.Equal(0, status);
            outputReader.Dispose();
        }

        // Its socket closed, the spawner ends as it always does: of its own accord, with 0.
        int spawnerStatus;
        Assert.Equal(spawner.Pid, Libc.waitpid(spawner.Pid, &spawnerStatus, 0));
        Assert.Equal(0, spawnerStatus);
        spawner.PidFd.Dispose();
    }

    /// <summary>A request as hoop-spawner.c reads it: no ids, no groups, no cgroups; sh -c with the script; no environment.</summary>
    private static byte[] ShellRequest(string script)
    {
        var strings = Encoding.UTF8.GetBytes($"/bin/sh\0\0sh\0-c\0{script}\0");
        var request = new byte[4 + 8 * 4 + strings.Length];
        BinaryPrimitives.WriteInt32LittleEndian(request, request.Length - 4);
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(4 + 5 * 4), 3);     // argument count
        strings.CopyTo(request, 4 + 8 * 4);
        return request;
    }

    /// <summary>The request with the run's stdin and output attached to its first bytes, as <see cref="NativeSpawner"/> sends it.</summary>
    private static void Send(SafeFileDescriptorHandle socket, byte[] request, SafeFileDescriptorHandle input, SafeFileDescriptorHandle output)
    {
        var error = NativeSpawner.SendFrame(socket, request, input, output);
        Assert.True(error == 0, $"send: {Libc.ErrorText(error)}");
    }

    /// <summary>The spawner's errno and pid; a pidfd that came with them is dropped by the kernel (no room for it).</summary>
    private static unsafe (int Error, int Pid) Answer(SafeFileDescriptorHandle socket)
    {
        var answer = stackalloc int[2];
        var got = Libc.recv(socket, answer, 2 * sizeof(int), Libc.MSG_WAITALL);
        Assert.True(got == 2 * sizeof(int), $"the spawner did not answer: {(got < 0 ? Libc.ErrorText(Marshal.GetLastPInvokeError()) : "end of stream")}");
        return (answer[0], answer[1]);
    }

    private static unsafe string ReadToEnd(SafeFileDescriptorHandle pipe)
    {
        var text = new StringBuilder();
        var buffer = stackalloc byte[4096];
        nint got;
        while ((got = Libc.read(pipe, buffer, 4096)) > 0)
        {
            text.Append(Encoding.UTF8.GetString(buffer, (int)got));
        }

        return text.ToString();
    }
}
