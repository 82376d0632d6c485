namespace Hop.Safety.Blocklist;

/// <summary>How far an import has read: lines, and what they held so far (valid entries are not yet inserted or compared).</summary>
internal sealed record BlocklistImportProgress(long Lines, long Valid, long Invalid, long Comments, long Junk);
