namespace Hop.Safety.Blocklist;

/// <summary>What adding entries did: the entries added, the values already there, and the links acted on.</summary>
internal sealed record BlocklistAddResult(
    IReadOnlyList<BlocklistEntry> Added, IReadOnlyList<string> AlreadyPresent, int LinksDisabled, int LinksUnderReview);
