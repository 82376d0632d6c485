using Microsoft.AspNetCore.Components;

namespace Hop.Pages.Public;

/// <summary>
/// The fingerprinted address of a file under wwwroot (css/hop.css → /css/hop.{hash}.css) for pages rendered
/// outside the router (the redirect path's pages, status pages), whose endpoint carries no asset collection:
/// the same addresses the routed pages link to, found once from the components' endpoints.
/// </summary>
internal static class PageAssets
{
    private static ResourceAssetCollection? _assets;

    public static string Url(HttpContext http, string path)
    {
        _assets ??= http.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<ResourceAssetCollection>()).FirstOrDefault(a => a is not null)
            ?? ResourceAssetCollection.Empty;
        return "/" + _assets[path];
    }
}
