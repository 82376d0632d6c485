namespace Hop.Links;

/// <summary>The outcome of a batch or an import: one result per item, in request order.</summary>
internal sealed record BatchResponse
{
    public required int Created { get; init; }
    public required int Failed { get; init; }
    public required IReadOnlyList<BatchItemResult> Items { get; init; }

    public static BatchResponse From(IReadOnlyList<BatchItemResult> items) => new()
    {
        Created = items.Count(r => r.Status == StatusCodes.Status201Created),
        Failed = items.Count(r => r.Status != StatusCodes.Status201Created),
        Items = items,
    };
}
