namespace Hop.Pages.Links;

/// <summary>
/// The bulk form: the action, its tag, whether the person has confirmed, and the dashboard's query string to
/// return to. The links picked come as repeated <c>ids</c> fields, read from the form directly.
/// </summary>
internal sealed class BulkForm
{
    public string? Action { get; set; }
    public string? Tag { get; set; }
    public bool Confirmed { get; set; }
    public string? Return { get; set; }
}
