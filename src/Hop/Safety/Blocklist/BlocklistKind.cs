namespace Hop.Safety.Blocklist;

/// <summary>What an entry names: a domain (itself and every subdomain) or one exact URL.</summary>
internal enum BlocklistKind
{
    Domain,
    Url,
}
