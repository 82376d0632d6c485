using Hop.Pages.Accounts;

namespace Hop.Pages;

/// <summary>
/// The server-rendered pages: Razor components rendered statically on the server (no Blazor script, no
/// circuit), a subfolder of <c>Pages/</c> per feature, over the same feature types the API uses.
/// </summary>
internal static class PageRoutes
{
    private const string StaticAssetsCaching = "EnableStaticAssetsDevelopmentCaching";
    private const string StaticAssetsFallback = "DisableStaticAssetNotFoundRuntimeFallback";

    public static void AddPages(this WebApplicationBuilder builder)
    {
        // Run from the build output (`dotnet run`), MapStaticAssets would serve every file with no-cache, as
        // for editing in development; Hop's files are fingerprinted either way, so they are cached for good.
        // It would also add a catch-all route that serves files put in wwwroot after the start, and whose
        // constraint asks the file system whether the path is a file: on every redirect, since /{code}
        // matches it too (an lstat and a path normalisation, about 4% of the CPU at the cache-hot maximum
        // under perf). Hop adds no files while it runs.
        foreach (var key in new[] { StaticAssetsCaching, StaticAssetsFallback })
        {
            if (builder.Configuration[key] is null)
            {
                builder.Configuration.AddInMemoryCollection([new(key, "true")]);
            }
        }

        // The files under wwwroot are found beside the binary, whichever directory Hop runs from: published,
        // in its wwwroot; run from the build output, where the build's manifest says (the source files and
        // their precompressed copies under obj/).
        var published = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(published))
        {
            builder.Environment.WebRootPath = published;
            builder.Environment.WebRootFileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(published);
        }

        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents();
        builder.Services.AddCascadingAuthenticationState();
    }

    public static void MapPages(this WebApplication app)
    {
        // Fingerprinted files (css/hop.css → css/hop.{hash}.css) with immutable caching and precompressed copies.
        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        app.MapSignOut();
    }
}
