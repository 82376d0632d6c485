namespace Hop.Pages.Links;

/// <summary>
/// One redirect rule as the link page's form holds it: each condition a line of text (values separated by
/// commas, the query like a query string), so whatever a person types reaches <see cref="Hop.Links.LinkRules"/>
/// and is judged there, never by the page.
/// </summary>
internal sealed class LinkEditRuleForm
{
    public string? Url { get; set; }
    public string? Device { get; set; }
    public string? Os { get; set; }
    public string? Browser { get; set; }
    public string? Language { get; set; }
    public string? Country { get; set; }
    public string? Query { get; set; }
    public string? Ip { get; set; }
    public string? After { get; set; }
    public string? Before { get; set; }
}
