namespace HoopOrleans.Benchmarks.Rows;

/// <summary>B8: <c>hoop exec</c> of B1's script over gRPC against B1's POSTs on the same service, 16 clients, alternating.</summary>
public static class B8HoopExec
{
    public static async Task RunAsync(Bench bench)
    {
        Bench.Step("B8: hoop exec over gRPC against B1's POSTs, runs/s, 16 concurrent clients");
        using var hoop = new HoopExecLoad(bench.Service.GrpcPort, clients: 16, "bash", Bench.Echo, Bench.EchoOutput);
        await WarmUp.RunAsync("hoop exec", _ => hoop.RunAsync());
        var (grpc, posted) = await Alternation.RunAsync(_ => hoop.RunAsync(), _ => bench.EchoRequest.PostAsync(bench.Client), () => bench.CpuSpent([]));
        Console.WriteLine($"  machine CPU per run: {grpc.Describe("over gRPC")}; {posted.Describe("POSTed")}");
        Console.WriteLine($"  failed runs over gRPC: {hoop.Failed}" + (hoop.FirstFailure is { } why ? $", the first: {why}" : ""));
        bench.Add(new Row("B8", "`hoop exec` of B1's script over gRPC, 16 clients (baseline: B1's POSTs)", grpc.PerSecond, posted.PerSecond, "runs/s", "all succeed, ≥ 0.9 × baseline", hoop.Failed == 0 && grpc.PerSecond >= 0.9 * posted.PerSecond));
    }
}
