namespace Hop.Links;

/// <summary>One page of <c>GET /api/v1/links</c>; <see cref="NextCursor"/> is null on the last page.</summary>
internal sealed record LinkPage
{
    public required IReadOnlyList<LinkResponse> Items { get; init; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public required string? NextCursor { get; init; }
}
