using HoopOrleans.Hosting;

// A silo on its own: it runs the sessions' processes and answers health checks, not the public API.
var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5090");
}

builder.UseOrleans(silo => silo.AddHoopSilo(builder.Configuration));
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapHealthChecks("/health");
app.Run();
