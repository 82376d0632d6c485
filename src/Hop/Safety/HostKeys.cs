using Hop.Safety.Targets;

namespace Hop.Safety;

/// <summary>
/// A host written so that a domain and every subdomain of it sort together: labels reversed, each
/// followed by a dot (<c>www.example.com</c> → <c>com.example.www.</c>). The links to
/// <c>example.com</c> and below are then the one index range [<c>com.example.</c>, <c>com.example/</c>),
/// which a blocklist entry disables in one statement.
/// </summary>
internal static class HostKeys
{
    /// <summary>The host of a normalized target, as links store it in <c>TargetHost</c>.</summary>
    public static string HostOf(string url) => TargetUrl.Parse(url, TargetUrl.HardMaxLength).Host?.Name ?? "";

    public static string KeyOf(string host)
    {
        if (host.StartsWith('[') || !host.Contains('.'))
        {
            return host + ".";
        }

        var labels = host.Split('.');
        Array.Reverse(labels);
        return string.Join('.', labels) + ".";
    }

    /// <summary>The first key after every key of <paramref name="key"/>'s domain and its subdomains.</summary>
    public static string RangeEnd(string key) => key[..^1] + "/";
}
