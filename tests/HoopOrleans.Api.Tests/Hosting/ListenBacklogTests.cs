using System.Diagnostics;

namespace HoopOrleans.Api.Tests.Hosting;

[Collection(ApiCollection.Name)]
public sealed class ListenBacklogTests(ApiFixture fixture)
{
    [Fact]
    public async Task The_listening_socket_queues_thousands_of_connections_not_kestrels_default_512()
    {
        var port = fixture.Client.BaseAddress!.Port;
        var somaxconn = int.Parse(await File.ReadAllTextAsync("/proc/sys/net/core/somaxconn"));

        // For a listening socket, ss shows its accept queue's limit in the Send-Q column.
        var start = new ProcessStartInfo("ss", ["-ltnH", $"sport = :{port}"]) { RedirectStandardOutput = true };
        using var ss = Process.Start(start)!;
        var listing = await ss.StandardOutput.ReadToEndAsync();
        await ss.WaitForExitAsync();

        var fields = listing.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("LISTEN", fields[0]);
        Assert.Equal(Math.Min(ApiApplication.ListenBacklog, somaxconn), int.Parse(fields[2]));
    }
}
