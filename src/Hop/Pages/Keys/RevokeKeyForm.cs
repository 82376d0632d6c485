namespace Hop.Pages.Keys;

internal sealed class RevokeKeyForm
{
    public long Id { get; set; }
}
