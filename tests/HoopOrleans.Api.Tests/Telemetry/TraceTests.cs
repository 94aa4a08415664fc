using System.Diagnostics;
using System.Net;
using HoopOrleans.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace HoopOrleans.Api.Tests.Telemetry;

/// <summary>
/// One trace per run, on the real front end with its embedded silo: from ASP.NET Core's server span
/// of the <c>POST</c>, through Orleans' grain call, to the program's start and exit and the store
/// write of its result, each span the child of one in the chain.
/// </summary>
public sealed class TraceTests
{
    [Fact]
    public async Task A_run_is_one_trace_from_the_post_through_the_grain_call_to_the_process_and_the_final_store_write()
    {
        var spans = new SpanCollection();
        await using var host = await ApiHost.StartAsync(configure: builder =>
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(spans)));

        var (status, run) = await host.Client.PostAsync("/api/sessions", new { connection = "bash", script = "echo traced" });
        var id = run.GetProperty("session_id").GetString()!;

        // Spans end after the answer is on its way (the server's once the answer is written, the
        // run's once its result is stored): wait for the run's and the request's to be exported.
        await spans.WaitForAsync(all => RunOf(all, id) is { } runSpan
            && all.Any(span => span.TraceId == runSpan.TraceId && span.Source.Name == "Microsoft.AspNetCore" && span.Kind == ActivityKind.Server));
        var trace = spans.Snapshot().Where(span => span.TraceId == RunOf(spans.Snapshot(), id)!.TraceId).ToList();

        Assert.Equal(HttpStatusCode.OK, status);

        // The trace begins at this test's own HttpClient (its instrumentation sees the whole process).
        var client = Assert.Single(trace, span => span.ParentSpanId == default);
        Assert.Equal(("System.Net.Http", ActivityKind.Client), (client.Source.Name, client.Kind));
        var root = Assert.Single(trace, span => span.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal((ActivityKind.Server, "POST", client.SpanId), (root.Kind, root.GetTagItem("http.request.method"), root.ParentSpanId));
        var bySpanId = trace.ToDictionary(span => span.SpanId);
        Assert.All(trace.Where(span => span != client), span => Assert.True(bySpanId.ContainsKey(span.ParentSpanId), $"{span.DisplayName} has no parent in the trace"));

        // The chain, each below the one before it.
        var grainCall = Assert.Single(trace, span => IsGrainCall(span, ActivityKind.Client, "ISessionGrain/Run"));
        var grainRun = Assert.Single(trace, span => IsGrainCall(span, ActivityKind.Server, "ISessionGrain/Run"));
        var reserve = Assert.Single(trace, span => IsGrainCall(span, ActivityKind.Client, "ICallerRunsGrain/TryReserve"));
        var sessionRun = RunOf(trace, id)!;
        var start = Assert.Single(trace, span => span.OperationName == HoopActivities.ProcessStart);
        var process = Assert.Single(trace, span => span.OperationName == HoopActivities.ProcessRun);
        var store = Assert.Single(trace, span => span.OperationName == HoopActivities.StoreResult);
        Assert.True(IsBelow(grainCall, root, bySpanId));
        Assert.True(IsBelow(grainRun, grainCall, bySpanId));
        Assert.True(IsBelow(sessionRun, grainRun, bySpanId));
        Assert.True(IsBelow(reserve, grainRun, bySpanId));
        Assert.Equal([sessionRun.SpanId, sessionRun.SpanId, sessionRun.SpanId], [start.ParentSpanId, process.ParentSpanId, store.ParentSpanId]);
        Assert.Equal(0, process.GetTagItem(HoopActivities.ExitCodeTag));
        Assert.Equal("success", sessionRun.GetTagItem(HoopActivities.OutcomeTag));

        // No span carries the script or its output.
        Assert.DoesNotContain(trace, span => span.TagObjects.Any(tag => tag.Value is string text && text.Contains("traced")));
    }

    private static bool IsGrainCall(Activity span, ActivityKind kind, string name) =>
        span.Source.Name == Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName && span.Kind == kind && span.DisplayName == name;

    private static Activity? RunOf(IReadOnlyList<Activity> spans, string sessionId) =>
        spans.FirstOrDefault(span => span.OperationName == HoopActivities.Run && Equals(span.GetTagItem(HoopActivities.SessionIdTag), sessionId));

    private static bool IsBelow(Activity span, Activity ancestor, IReadOnlyDictionary<ActivitySpanId, Activity> bySpanId)
    {
        for (var current = span; bySpanId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
        {
            if (parent == ancestor)
            {
                return true;
            }
        }

        return false;
    }
}
