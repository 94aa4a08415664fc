using HoopOrleans.Hosting;
using HoopOrleans.Silo;

// A silo on its own: it runs the sessions' processes and answers health checks, not the public API.
var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5090");
}

builder.AddHoopSilo();
builder.Services.AddHealthChecks().AddCheck<SiloActiveHealthCheck>("silo-active");

var app = builder.Build();
app.MapHealthChecks("/health");
app.Run();
