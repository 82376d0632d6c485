namespace Hop.Links;

/// <summary>What a write of <see cref="LinkStore"/> came to; the endpoints turn it into an answer.</summary>
internal enum LinkWriteStatus
{
    Created,
    Changed,
    /// <summary>A field was refused: <see cref="LinkWrite.Errors"/> says which and why.</summary>
    Invalid,
    /// <summary>The chosen alias belongs to another link.</summary>
    AliasTaken,
    /// <summary>No such link, or the caller may not see it.</summary>
    NotFound,
    /// <summary>The link is deleted.</summary>
    Gone,
    /// <summary>If-Match names another version; <see cref="LinkWrite.Link"/> is the current one.</summary>
    PreconditionFailed,
    /// <summary>Other writers kept winning the race for the link.</summary>
    ConcurrentChange,
}
