namespace Hop.Pages.Admin;

/// <summary>The links page's forms: the link's id, and the reason when disabling.</summary>
internal sealed class AdminLinkActionForm
{
    public long Id { get; set; }

    public string? Reason { get; set; }
}
