namespace Hop.Safety.Blocklist;

/// <summary>The counts of an import, for the CLI's summary line and the API's answer.</summary>
internal sealed record BlocklistImportResult
{
    public long Added { get; init; }
    public long AlreadyPresent { get; init; }
    public long Comments { get; init; }
    public long Junk { get; init; }
    public long Invalid { get; init; }
    public int LinksDisabled { get; init; }
    public int LinksUnderReview { get; init; }
}
