namespace Hop.Pages.Admin;

/// <summary>The confirmation of an action on an abuse report.</summary>
internal sealed class AdminReportsActForm
{
    public string? Action { get; set; }
    public string? Note { get; set; }
}
