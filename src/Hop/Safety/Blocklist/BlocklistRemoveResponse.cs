namespace Hop.Safety.Blocklist;

internal sealed record BlocklistRemoveResponse
{
    public required long Id { get; init; }

    /// <summary>Links the entry had acted on that are back to normal (enabled again, or without the warning).</summary>
    public required int LinksRestored { get; init; }
}
