namespace Hop.Safety.Blocklist;

/// <summary>What <see cref="BlocklistParser.ParseLine"/> made of one line.</summary>
internal enum BlocklistLineKind
{
    Blank,
    Comment,

    /// <summary>A line of no format the import reads, or of another format than the one asked for.</summary>
    Junk,

    /// <summary>A line naming one or more domains or URLs (each still to be validated).</summary>
    Entries,
}
