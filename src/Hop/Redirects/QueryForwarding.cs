using System.Buffers;
using System.Text;

namespace Hop.Redirects;

/// <summary>Appends a visitor's query string to a link's target, keeping the target's own query and fragment.</summary>
internal static class QueryForwarding
{
    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>Characters a query may carry as they are (RFC 3986 pchar, '/' and '?'); '%' is checked apart.</summary>
    private static readonly SearchValues<char> QueryChars = SearchValues.Create(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?");

    /// <summary>
    /// <c>https://x/p?a=1#f</c> + <c>?b=2</c> gives <c>https://x/p?a=1&amp;b=2#f</c>. Both sets of parameters are
    /// kept, target's first. The visitor's part keeps its own escapes; anything else a query may not hold
    /// (spaces, '#', quotes, control or non-ASCII characters, a stray '%') is percent-encoded as UTF-8.
    /// </summary>
    public static string Merge(string target, string? visitorQuery)
    {
        var extra = visitorQuery.AsSpan().TrimStart('?').Trim('&');
        if (extra.IsEmpty)
        {
            return target;
        }

        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var main = hash < 0 ? target.AsSpan() : target.AsSpan(0, hash);
        var fragment = hash < 0 ? [] : target.AsSpan(hash);
        var builder = new StringBuilder(target.Length + extra.Length + 8);
        builder.Append(main);
        if (!main.Contains('?'))
        {
            builder.Append('?');
        }
        else if (main[^1] is not ('?' or '&'))
        {
            builder.Append('&');
        }

        AppendEscaped(builder, extra);
        return builder.Append(fragment).ToString();
    }

    private static void AppendEscaped(StringBuilder builder, ReadOnlySpan<char> query)
    {
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < query.Length; i++)
        {
            var c = query[i];
            if (c == '%' && i + 2 < query.Length && char.IsAsciiHexDigit(query[i + 1]) && char.IsAsciiHexDigit(query[i + 2]))
            {
                builder.Append(c);
            }
            else if (c != '%' && QueryChars.Contains(c))
            {
                builder.Append(c);
            }
            else
            {
                var rune = Rune.DecodeFromUtf16(query[i..], out var value, out var consumed) == OperationStatus.Done
                    ? value
                    : Rune.ReplacementChar;
                i += Math.Max(consumed, 1) - 1;
                var length = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..length])
                {
                    builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
                }
            }
        }
    }
}
