namespace Hop.Pages.Admin;

/// <summary>The confirmation that removes one blocklist entry.</summary>
internal sealed class AdminBlocklistRemoveForm
{
    public long Id { get; set; }
}
