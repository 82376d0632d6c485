using System.Globalization;

namespace Hop.Redirects;

/// <summary>A link's identity for a redirect: its domain and its code (codes are unique per domain). A
/// value type, so that an L1 lookup allocates nothing.</summary>
internal readonly record struct LinkKey(long DomainId, string Code)
{
    /// <summary>The text form in Redis keys and invalidation messages: <c>{domain id}:{code}</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{DomainId}:{Code}");

    /// <summary>Reads <see cref="ToString"/>'s form; false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out LinkKey key)
    {
        var colon = text.IndexOf(':');
        if (colon > 0 && long.TryParse(text[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var domain))
        {
            key = new LinkKey(domain, text[(colon + 1)..].ToString());
            return true;
        }

        key = default;
        return false;
    }
}
