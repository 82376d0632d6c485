namespace Hop.Accounts;

internal sealed record Page<T>
{
    public required IReadOnlyList<T> Items { get; init; }
    /// <summary>Pass as <c>after</c> to read the next page; null on the last page.</summary>
    public long? Next { get; init; }
}
