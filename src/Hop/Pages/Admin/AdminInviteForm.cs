namespace Hop.Pages.Admin;

internal sealed class AdminInviteForm
{
    public string? Role { get; set; }
}
