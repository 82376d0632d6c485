namespace Hop.Pages.Links;

/// <summary>What a bulk action came to: how many links it changed, and each one it could not change with the reason.</summary>
internal sealed record BulkResult(int Changed, IReadOnlyList<(string Code, string Reason)> Failed);
