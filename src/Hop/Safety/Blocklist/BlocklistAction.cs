namespace Hop.Safety.Blocklist;

/// <summary>What an entry does to a target it matches.</summary>
internal enum BlocklistAction
{
    /// <summary>Refused as a new target; existing links are disabled (410).</summary>
    Block,

    /// <summary>Allowed, but visitors see a "you are leaving for …" page first.</summary>
    Review,
}
