namespace Hop.Safety.Blocklist;

internal sealed record BlocklistAddResponse
{
    /// <summary>The entry, when the request named one value.</summary>
    public BlocklistEntryResponse? Entry { get; init; }
    public required IReadOnlyList<BlocklistEntryResponse> Entries { get; init; }

    /// <summary>Values that were already listed (and are left as they are).</summary>
    public required IReadOnlyList<string> AlreadyPresent { get; init; }

    /// <summary>Existing links the new Block entries disabled (they answer 410 from now on).</summary>
    public required int LinksDisabled { get; init; }

    /// <summary>Existing links the new Review entries put behind a warning.</summary>
    public required int LinksUnderReview { get; init; }
}
