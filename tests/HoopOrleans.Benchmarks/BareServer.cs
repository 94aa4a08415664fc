namespace HoopOrleans.Benchmarks;

/// <summary>The baseline of B3 and B4: bare Kestrel answering fixed bytes, run as a process of its own like the service.</summary>
public static class BareServer
{
    public static void Run(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();

        // The accept queue of the service (ApiApplication.ListenBacklog), so that a burst meets the same kernel.
        builder.WebHost.UseSockets(sockets => sockets.Backlog = 4096);
        var body = File.ReadAllBytes(builder.Configuration["file"]!);
        var app = builder.Build();
        app.MapMethods("/", ["GET", "POST"], (HttpContext http) =>
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            return http.Response.Body.WriteAsync(body).AsTask();
        });
        app.Run();
    }
}
