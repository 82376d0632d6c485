namespace Hop.Pages.Links;

/// <summary>One target of the A/B split as the form holds it; the weight is text so any input reaches the link's rules.</summary>
internal sealed class LinkEditVariantForm
{
    public string? Url { get; set; }
    public string? Weight { get; set; }
}
