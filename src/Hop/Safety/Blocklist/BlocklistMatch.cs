namespace Hop.Safety.Blocklist;

/// <summary>The entry that matched a target: its id, the domain or URL it names, what it does and why.</summary>
internal sealed record BlocklistMatch(long EntryId, string Entry, BlocklistAction Action, string? Reason);
