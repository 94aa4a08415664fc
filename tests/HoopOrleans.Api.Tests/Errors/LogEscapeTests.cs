using System.Net;
using System.Text;
using HoopOrleans.Api.Tests.Compatibility;
using HoopOrleans.Testing.Hosting;

namespace HoopOrleans.Api.Tests.Errors;

/// <summary>
/// A request path that decodes to a line break cannot forge a line in the service's log: the 5xx
/// line that names the path, and the exception under it, carry the break escaped. Against the
/// service as a process of its own, reading what it writes to the console. Orleans' dashboard is
/// the route that reaches a 5xx with any path: it fails to parse a silo address it is given.
/// </summary>
public sealed class LogEscapeTests
{
    private const string Route = "/dashboard/SiloProperties/";

    [Fact]
    public async Task Line_breaks_in_a_path_that_fails_are_logged_escaped_on_the_line_that_names_it()
    {
        var marker = $"forged-{Guid.NewGuid():N}";
        // ASP.NET Core's own request log writes the path as decoded: it is off as shipped
        // (appsettings.json, which the process started from a folder of its own does not read).
        await using var service = await ServiceProcess.StartAsync("--Orleans:Dashboard:Enabled=true", "--Logging:LogLevel:Microsoft.AspNetCore=Warning");
        var server = service.Client.BaseAddress!;

        using var encodedNewline = await service.Client.GetAsync($"{Route}a%0Awarn:%20{marker}-lf");
        var encodedCrLf = await RawHttp.SendAsync(server, Request($"{Route}b%0D%0Awarn:%20{marker}-crlf"));
        var rawCr = await RawHttp.SendAsync(server, Request($"{Route}c\rwarn: {marker}-cr"));
        service.Terminate();
        await service.WaitForExitAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, encodedNewline.StatusCode);
        Assert.Equal(500, encodedCrLf.Status);

        // Kestrel refuses a bare CR in a request line before any route sees it: no 5xx, no line.
        Assert.Equal(400, rawCr.Status);
        var lines = service.Output.Where(line => line.Contains(marker, StringComparison.Ordinal)).ToList();
        Assert.Contains($"      GET {Route}a\\nwarn: {marker}-lf failed", lines);
        Assert.Contains($"      GET {Route}b\\r\\nwarn: {marker}-crlf failed", lines);
        Assert.DoesNotContain(lines, line => line.Contains($"{marker}-cr", StringComparison.Ordinal) && !line.Contains($"{marker}-crlf", StringComparison.Ordinal));
        Assert.DoesNotContain(service.Output, line => line.TrimStart().StartsWith("warn: forged", StringComparison.Ordinal) || line.Contains('\r'));

        // The exception's own message repeats the address; it is escaped too, on its one line.
        Assert.Contains(lines, line => line.Contains($"Invalid string SiloAddress: a\\nwarn: {marker}-lf", StringComparison.Ordinal));
    }

    private static byte[] Request(string target) =>
        Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
}
