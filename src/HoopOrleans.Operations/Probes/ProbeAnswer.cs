using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HoopOrleans.Operations.Probes;

/// <summary>
/// A probe's answer: <c>{"status": "Healthy", "checks": {"store": "Healthy", …}}</c>, and when
/// not healthy a <c>message</c> naming what failed, as every error of the service has. What a
/// dependency said in detail stays in the node's log.
/// </summary>
internal static class ProbeAnswer
{
    public static async Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        var failed = report.Entries.Where(entry => entry.Value.Status != HealthStatus.Healthy).ToList();
        if (failed.Count > 0)
        {
            json.WriteString("message", "not ready: " + string.Join("; ", failed.Select(entry => $"{entry.Key}: {entry.Value.Description ?? entry.Value.Status.ToString()}")));
        }

        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteString(name, entry.Status.ToString());
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(http.RequestAborted);
    }
}
