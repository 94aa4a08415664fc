using HoopOrleans.Hosting;
using HoopOrleans.Operations.Dashboard;
using HoopOrleans.Operations.Management;
using HoopOrleans.Operations.Logging;
using HoopOrleans.Operations.Probes;
using HoopOrleans.Operations.Telemetry;

// A silo on its own: it runs the sessions' processes, and its HTTP listener serves operators' tools
// only (probes, metrics), never the public API.
var builder = WebApplication.CreateBuilder(args);
var management = builder.Configuration.GetSection(ManagementOptions.Section).Get<ManagementOptions>() ?? new ManagementOptions();
if (management.UrlList.Count > 0)
{
    // Everything a silo serves is management: Management:Urls, when set, is its listener.
    builder.WebHost.UseUrls([.. management.UrlList]);
}
else if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5090");
}

builder.AddHoopSilo((silo, cluster) => silo.AddHoopDashboard(cluster));
builder.Services.AddValidatedOptions<ManagementOptions, ManagementOptionsValidator>(builder.Configuration.GetSection(ManagementOptions.Section));
builder.Services.AddHostedService<ManagementOnlyListenCheck>();
builder.Services.AddHoopProbes(NodeRole.Silo);
builder.AddHoopTelemetry("hooporleans-silo");
builder.AddHoopLogging();

await using var app = builder.Build();
app.MapHoopProbes();
app.MapHoopMetrics();
try
{
    await app.StartAsync();
}
catch (Exception refused)
{
    // The host has logged why (an address refused, a setting, a certificate file); say it once
    // more where an operator starting it by hand looks.
    await app.StopAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    await Console.Error.WriteLineAsync($"HoopOrleans silo did not start: {refused.Message}");
    return 1;
}

await app.WaitForShutdownAsync();
return 0;
