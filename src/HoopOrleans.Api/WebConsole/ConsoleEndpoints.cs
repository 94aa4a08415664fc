using Microsoft.Extensions.FileProviders;

namespace HoopOrleans.Api.WebConsole;

/// <summary>
/// The web console: its page at <c>/</c> and at <c>/sessions/{id}</c> for browsers (the alias
/// leaves those requests here, <see cref="IsPageRequest"/>), its scripts and styles under
/// <c>/console/</c>. The files are embedded in the assembly, so the console is there whatever the
/// content root, in tests and in a published node alike, and no file on disk can replace it.
/// </summary>
internal static class ConsoleEndpoints
{
    public const string AssetPath = "/console";

    private const string PageFile = "index.html";

    private static readonly PathString Alias = "/sessions";

    private static readonly IFileProvider Assets = new EmbeddedFileProvider(typeof(ConsoleEndpoints).Assembly, "HoopOrleans.Api.wwwroot.console");

    /// <summary>
    /// A browser opening a session's link: <c>GET</c> or <c>HEAD</c> of <c>/sessions/{id}</c> whose
    /// <c>Accept</c> prefers HTML. Everything else under <c>/sessions</c> is the API's.
    /// </summary>
    public static bool IsPageRequest(HttpContext http) =>
        (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        && http.Request.Path.StartsWithSegments(Alias, out var rest)
        && rest.Value is ['/', .. var id] && id.Length > 0 && !id.Contains('/')
        && HtmlPreference.Prefers(http.Request);

    /// <summary>Goes after the request guards: the assets meet the same host, origin and caller rules as the API.</summary>
    public static WebApplication UseConsoleAssets(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = Assets,
            RequestPath = AssetPath,
            OnPrepareResponse = static file => ConsoleHeaders.Apply(file.Context.Response),
        });
        return app;
    }

    /// <summary>The page holds no data (it fetches everything with the user's key), so it needs none.</summary>
    public static WebApplication MapConsole(this WebApplication app)
    {
        var page = ReadPage();
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], (HttpContext http) => Page(http, page))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapMethods($"{Alias}/{{id}}", [HttpMethods.Get, HttpMethods.Head], (HttpContext http) => Page(http, page))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IResult Page(HttpContext http, byte[] page)
    {
        ConsoleHeaders.Apply(http.Response);
        http.Response.Headers.Vary = "Accept";
        return Results.Bytes(page, "text/html; charset=utf-8");
    }

    private static byte[] ReadPage()
    {
        using var stream = Assets.GetFileInfo(PageFile).CreateReadStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
