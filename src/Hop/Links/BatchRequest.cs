namespace Hop.Links;

internal sealed record BatchRequest
{
    public IReadOnlyList<CreateLinkRequest?>? Items { get; init; }
}
