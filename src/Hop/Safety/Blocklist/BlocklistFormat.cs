namespace Hop.Safety.Blocklist;

/// <summary>The list formats an import reads; <see cref="Auto"/> tells them apart line by line.</summary>
internal enum BlocklistFormat
{
    Auto,

    /// <summary>One domain (or URL) a line.</summary>
    Domains,

    /// <summary>A hosts file: <c>0.0.0.0 evil.com other.evil.com</c>.</summary>
    Hosts,

    /// <summary>Adblock-style rules: <c>||evil.com^</c>, options after <c>$</c> allowed.</summary>
    Adblock,

    /// <summary>URLhaus-style CSV: quoted fields, one of them an exact URL.</summary>
    Urlhaus,
}
