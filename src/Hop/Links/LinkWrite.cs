namespace Hop.Links;

/// <summary>The outcome of a create or an edit: the link as written (or as found), or why not.</summary>
internal sealed record LinkWrite(LinkWriteStatus Status, Link? Link = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static LinkWrite Invalid(IReadOnlyDictionary<string, string[]> errors) => new(LinkWriteStatus.Invalid, Errors: errors);
}
