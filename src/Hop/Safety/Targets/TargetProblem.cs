namespace Hop.Safety.Targets;

/// <summary>Why a target is refused: the category the reason text belongs to, for tests and logs.</summary>
internal enum TargetProblem
{
    /// <summary>Accepted.</summary>
    None,
    Required,
    TooLong,
    /// <summary>Not an absolute http:// or https:// URL.</summary>
    Scheme,
    /// <summary>A control, space or invisible character, or a backslash.</summary>
    Characters,
    UserInfo,
    /// <summary>Not a URL a browser reads one way only: a bad host, port or IP literal.</summary>
    Malformed,
    /// <summary>A loopback, private, link-local, reserved or otherwise non-public IP address.</summary>
    NonPublicAddress,
    /// <summary>A cloud metadata service, by name or address.</summary>
    Metadata,
    /// <summary>localhost, a single label, or a special-use or local-only name (.local, .internal, .onion…).</summary>
    LocalName,
    /// <summary>A name that does not end in a known top-level domain.</summary>
    UnknownSuffix,
    /// <summary>One of Hop's own hosts: the link would loop.</summary>
    OwnHost,
    /// <summary>Another link shortener: a chain hides the final target.</summary>
    Shortener,
    /// <summary>On the blocklist.</summary>
    Blocked,
    /// <summary>With Safety:ResolveHosts, a name that does not resolve, or resolves to a non-public address.</summary>
    Resolution,
}
