namespace Hop.Links;

/// <summary>A link as an administrator's list shows it: with its owner's username (null: anonymous or gone) and its state now.</summary>
internal sealed record ModeratedLink(Link Link, string? Owner, LinkState State);
