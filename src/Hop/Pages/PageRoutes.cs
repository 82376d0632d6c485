using Hop.Pages.Accounts;
using Hop.Pages.Reports;

namespace Hop.Pages;

/// <summary>The routes of the server-rendered pages, a subfolder of <c>Pages/</c> per feature.</summary>
internal static class PageRoutes
{
    public static void MapPages(this WebApplication app)
    {
        app.MapPageShell();
        app.MapAccountPages();
        app.MapReportPages();
    }
}
