using System.Collections.Concurrent;
using Grpc.Net.Client;
using HoopOrleans.Testing.Hoop;

namespace HoopOrleans.Benchmarks;

/// <summary>
/// B8's run: <c>hoop exec</c> as hoop's CLI sends it (<see cref="HoopCli"/>), from clients that each
/// keep one connection, as B1's HTTP clients keep theirs: each exec is a new gRPC stream on an idle
/// client's channel. Every run is checked; a failed one is counted, not thrown, so that the row
/// reports it as a failure with the first one's reason instead of ending the whole table.
/// </summary>
public sealed class HoopExecLoad : IDisposable
{
    private readonly List<GrpcChannel> _channels = [];
    private readonly ConcurrentQueue<HoopCli> _idle = new();
    private readonly string _connection;
    private readonly string _script;
    private readonly string _expected;
    private int _failed;
    private string? _firstFailure;

    /// <param name="clients">At least as many as the load runs at once: no two runs wait for one client.</param>
    public HoopExecLoad(int grpcPort, int clients, string connection, string script, string expected)
    {
        _connection = connection;
        _script = script;
        _expected = expected;
        for (var i = 0; i < clients; i++)
        {
            var channel = HoopCli.ChannelFor(new Uri($"http://127.0.0.1:{grpcPort}"));
            _channels.Add(channel);

            // Keyless service: hoop's local mode sends an empty token.
            _idle.Enqueue(new HoopCli(channel, token: ""));
        }
    }

    /// <summary>Runs that did not end with exit code 0 and the expected output, since the start.</summary>
    public int Failed => _failed;

    public string? FirstFailure => _firstFailure;

    public async Task RunAsync()
    {
        if (!_idle.TryDequeue(out var cli))
        {
            throw new InvalidOperationException("more runs at once than clients");
        }

        try
        {
            var result = await cli.ExecAsync(_connection, _script);
            if (result.ExitCode != 0 || result.Output != _expected)
            {
                Fail($"exit code {result.ExitCode?.ToString() ?? "none"}, output \"{result.Output}\", error \"{result.Error}\"");
            }
        }
        catch (Exception e)
        {
            // An RPC failure, or the stream ending before the close: the run failed.
            Fail($"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            _idle.Enqueue(cli);
        }
    }

    private void Fail(string why)
    {
        Interlocked.Increment(ref _failed);
        Interlocked.CompareExchange(ref _firstFailure, why, null);
    }

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }
}
