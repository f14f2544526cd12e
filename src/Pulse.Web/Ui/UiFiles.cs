using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace Pulse.Web.Ui;

/// <summary>
/// The browser UI, built by Pulse.Web's build (ClientApp, docs/ui.md) into <c>ui/</c> beside the program:
/// served from there as static files, with <c>/</c> answering its index page.
/// </summary>
public static class UiFiles
{
    /// <summary>Where the built UI sits, or null when this build has none.</summary>
    public static string? Directory
    {
        get
        {
            var directory = Path.Combine(AppContext.BaseDirectory, "ui");
            return File.Exists(Path.Combine(directory, "index.html")) ? directory : null;
        }
    }

    /// <summary>Serves the UI's files (hashed asset names: cached for a year; the index page: never).</summary>
    public static WebApplication UsePulseUi(this WebApplication app)
    {
        if (Directory is not { } directory)
        {
            return app;
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(directory),
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
                context.File.Name == "index.html" ? "no-cache" : "public, max-age=31536000, immutable",
        });
        return app;
    }

    /// <summary>The index page, when the UI is built.</summary>
    public static IResult? IndexPage() =>
        Directory is { } directory
            ? Results.File(Path.Combine(directory, "index.html"), "text/html; charset=utf-8")
            : null;
}
