namespace Hop.Pages.Home;

/// <summary>The home page's shorten form: the long address, and optionally an alias and a domain's host.</summary>
internal sealed class ShortenForm
{
    public string? Url { get; set; }
    public string? Alias { get; set; }
    public string? Domain { get; set; }
}
