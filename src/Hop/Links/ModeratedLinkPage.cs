namespace Hop.Links;

/// <summary>One page of <see cref="LinkModeration.ListAsync"/>; <see cref="NextCursor"/> is null on the last page.</summary>
internal sealed record ModeratedLinkPage
{
    public required IReadOnlyList<ModeratedLink> Items { get; init; }

    public string? NextCursor { get; init; }
}
