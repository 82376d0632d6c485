namespace Hop.Data;

/// <summary>The next unleased id of a counter; instances lease blocks of ids from it.</summary>
internal sealed class CodeSequence
{
    public const string Links = "links";

    public required string Name { get; set; }
    public long NextId { get; set; }
}
