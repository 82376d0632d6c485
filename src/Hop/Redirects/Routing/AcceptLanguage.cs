namespace Hop.Redirects.Routing;

/// <summary>Reads an <c>Accept-Language</c> header in place, without allocating.</summary>
internal static class AcceptLanguage
{
    /// <summary>
    /// The visitor's most preferred language: the tag with the highest quality (the first among equals);
    /// tags with q=0 are refused by the visitor and never chosen, nor is <c>*</c>. Empty when none.
    /// </summary>
    public static ReadOnlySpan<char> Preferred(ReadOnlySpan<char> header)
    {
        ReadOnlySpan<char> best = [];
        var bestQuality = 0;
        while (!header.IsEmpty)
        {
            var comma = header.IndexOf(',');
            var entry = comma < 0 ? header : header[..comma];
            header = comma < 0 ? [] : header[(comma + 1)..];
            var semicolon = entry.IndexOf(';');
            var tag = (semicolon < 0 ? entry : entry[..semicolon]).Trim();
            var quality = semicolon < 0 ? 1000 : Quality(entry[(semicolon + 1)..]);
            if (quality > bestQuality && tag.Length > 0 && tag is not "*")
            {
                best = tag;
                bestQuality = quality;
            }
        }

        return best;
    }

    /// <summary>
    /// True when <paramref name="tag"/> is <paramref name="preferred"/> or a prefix of it on whole subtags
    /// (<c>de</c> matches <c>de-CH</c>, <c>fr-CH</c> does not match <c>fr</c>), ignoring case.
    /// </summary>
    public static bool Matches(ReadOnlySpan<char> preferred, string tag) =>
        preferred.StartsWith(tag, StringComparison.OrdinalIgnoreCase)
        && (preferred.Length == tag.Length || preferred[tag.Length] == '-');

    /// <summary>The q parameter in thousandths (RFC 9110: up to three decimals); 1000 without one, 0 when unreadable.</summary>
    private static int Quality(ReadOnlySpan<char> parameters)
    {
        while (!parameters.IsEmpty)
        {
            var semicolon = parameters.IndexOf(';');
            var parameter = (semicolon < 0 ? parameters : parameters[..semicolon]).Trim();
            parameters = semicolon < 0 ? [] : parameters[(semicolon + 1)..];
            if (parameter.Length < 3 || parameter[0] is not ('q' or 'Q') || parameter[1] != '=')
            {
                continue;
            }

            var value = parameter[2..];
            if (value[0] == '1')
            {
                return 1000;
            }

            if (value[0] != '0')
            {
                return 0;
            }

            var thousandths = 0;
            var scale = 100;
            for (var i = 2; i < value.Length && i < 5 && char.IsAsciiDigit(value[i]); i++, scale /= 10)
            {
                thousandths += (value[i] - '0') * scale;
            }

            return value.Length == 1 || value[1] == '.' ? thousandths : 0;
        }

        return 1000;
    }
}
