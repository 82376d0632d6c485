using Hop.Pages.Accounts;

namespace Hop.Pages;

/// <summary>
/// The server-rendered pages: Razor components rendered statically on the server (no Blazor script, no
/// circuit), a subfolder of <c>Pages/</c> per feature, over the same feature types the API uses.
/// </summary>
internal static class PageRoutes
{
    private const string StaticAssetsCaching = "EnableStaticAssetsDevelopmentCaching";

    public static void AddPages(this WebApplicationBuilder builder)
    {
        // Run from the build output (`dotnet run`), MapStaticAssets would serve every file with no-cache, as
        // for editing in development; Hop's files are fingerprinted either way, so they are cached for good.
        if (builder.Configuration[StaticAssetsCaching] is null)
        {
            builder.Configuration.AddInMemoryCollection([new(StaticAssetsCaching, "true")]);
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
