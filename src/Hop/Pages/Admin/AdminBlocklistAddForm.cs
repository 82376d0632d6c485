namespace Hop.Pages.Admin;

/// <summary>The blocklist page's "add an entry" form.</summary>
internal sealed class AdminBlocklistAddForm
{
    public string? Value { get; set; }
    public string? Action { get; set; } = "block";
    public string? Reason { get; set; }
}
