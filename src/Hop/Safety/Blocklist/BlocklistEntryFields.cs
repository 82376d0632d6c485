namespace Hop.Safety.Blocklist;

/// <summary>What every entry of one addition shares: what it does, why, where it came from, who and when.</summary>
internal sealed record BlocklistEntryFields(BlocklistAction Action, string? Reason, string Source, long? AddedBy, DateTime AddedAt);
