namespace Hop.Pages.Admin;

/// <summary>The blocklist page's "import a file" form; the file itself is read from the request.</summary>
internal sealed class AdminBlocklistImportForm
{
    public string? Format { get; set; } = "auto";
    public string? Action { get; set; } = "block";
    public string? Reason { get; set; }
}
