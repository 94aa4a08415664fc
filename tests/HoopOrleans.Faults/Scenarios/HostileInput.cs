using HoopOrleans.Testing.Faults;
using HoopOrleans.Testing.Hosting;

namespace HoopOrleans.Faults.Scenarios;

/// <summary>
/// Generated malformed requests on every route of the embedded service, run as a process of its
/// own so that a crash would show: each gets a 4xx with a JSON message or a correct success,
/// never a 5xx, a hang or a crash, and the service is healthy afterwards.
/// </summary>
public sealed class HostileInput(Scale scale)
{
    public async Task<Figure> RunAsync()
    {
        var figure = new Figure($"hostile input, {scale.HostilePerRoute} per route");
        await using var service = await ServiceProcess.StartAsync([.. HostileRoutes.Settings.Select(s => $"--{s.Key}={s.Value}")]);
        var routes = new HostileRoutes(service.Client, await HostileRoutes.MakeTargetsAsync(service.Client));
        foreach (var route in HostileRoutes.All)
        {
            try
            {
                await routes.SendAsync(route, scale.HostilePerRoute);
            }
            catch (Exception e)
            {
                // CsCheck reports the smallest request it could shrink the failure to.
                var message = e.ToString();
                figure.Failures.Add($"{route}: {(message.Length > 600 ? message[..600] + "…" : message)}");
            }
        }

        figure.BadInputs = routes.Sent;
        bool healthy;
        try
        {
            healthy = await routes.IsHealthyAsync();
        }
        catch (HttpRequestException)
        {
            healthy = false;
        }

        figure.Expect(healthy, "the service did not answer its health check after the hostile requests");
        figure.Notable = $"{HostileRoutes.All.Length} routes; the service healthy afterwards: {(healthy ? "yes" : "no")}";
        return figure;
    }
}
