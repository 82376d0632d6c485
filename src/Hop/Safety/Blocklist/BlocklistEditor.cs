namespace Hop.Safety.Blocklist;

/// <summary>Adds and removes blocklist entries, and acts on the links they match.</summary>
internal sealed class BlocklistEditor
{
    /// <summary>Blocks <paramref name="domain"/> and its subdomains; returns how many existing links it disabled.</summary>
    public Task<int> BlockDomainAsync(string domain, string? reason, long? addedBy, CancellationToken ct) =>
        throw new NotSupportedException("The blocklist is not built yet.");
}
