using Hop.Links;

namespace Hop.Pages.Links;

/// <summary>One link as the dashboard shows it: where it answers, where it leads (host apart), its clicks and state.</summary>
internal sealed record DashboardRow(Link Link, string ShortUrl, long Clicks, LinkState State)
{
    /// <summary>The short URL without its scheme, as people write it.</summary>
    public string ShortText => ShortUrl[(ShortUrl.IndexOf("://", StringComparison.Ordinal) is >= 0 and var i ? i + 3 : 0)..];

    /// <summary>The target's host, which the table sets in bold so a look-alike address stands out.</summary>
    public string TargetHost => Split(Link.TargetUrl).Host;

    /// <summary>Everything after the host (path, query, fragment), and the scheme when it is not https.</summary>
    public string TargetRest => Split(Link.TargetUrl).Tail;

    public string StateText => State.ToString().ToLowerInvariant();

    public string StateBadge => State switch
    {
        LinkState.Active => "badge ok",
        LinkState.Disabled => "badge danger",
        LinkState.Expired => "badge warn",
        _ => "badge",
    };

    private static (string Host, string Tail) Split(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal) is >= 0 and var s ? s + 3 : 0;
        var end = url.AsSpan(start).IndexOfAny("/?#") is >= 0 and var e ? start + e : url.Length;
        var scheme = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "" : url[..start];
        return (scheme + url[start..end], url[end..]);
    }
}
