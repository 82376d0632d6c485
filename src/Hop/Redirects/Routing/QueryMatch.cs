namespace Hop.Redirects.Routing;

/// <summary>Looks up a parameter in a raw query string in place; only an escaped name or value is decoded.</summary>
internal static class QueryMatch
{
    /// <summary>True when <paramref name="query"/> has <paramref name="name"/>, equal to <paramref name="value"/> unless that is null.</summary>
    public static bool Holds(ReadOnlySpan<char> query, string name, string? value)
    {
        if (!query.IsEmpty && query[0] == '?')
        {
            query = query[1..];
        }

        while (!query.IsEmpty)
        {
            var amp = query.IndexOf('&');
            var pair = amp < 0 ? query : query[..amp];
            query = amp < 0 ? [] : query[(amp + 1)..];
            var equals = pair.IndexOf('=');
            var rawName = equals < 0 ? pair : pair[..equals];
            if (Equal(rawName, name) && (value is null || Equal(equals < 0 ? [] : pair[(equals + 1)..], value)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Equal(ReadOnlySpan<char> raw, string text) =>
        raw.IndexOfAny('%', '+') < 0
            ? raw.SequenceEqual(text)
            : Uri.UnescapeDataString(raw.ToString().Replace('+', ' ')) == text;
}
