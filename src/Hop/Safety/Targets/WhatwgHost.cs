using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Hop.Safety.Targets;

/// <summary>
/// The WHATWG URL standard's host parser for http and https: a bracketed IPv6 literal, or percent-decoding,
/// IDNA mapping (full-width digits and dots, case, ideographic full stops) and then, when the last label
/// is a number, the IPv4 parser with its 0x and 0 prefixes and short forms (<c>127.1</c>, <c>2130706433</c>).
/// What comes out is what a browser connects to, in canonical spelling; anything a browser refuses, or a
/// name that is not plain LDH after mapping, is refused.
/// </summary>
internal static class WhatwgHost
{
    public const int MaxNameLength = 253;
    public const int MaxLabelLength = 63;

    public static TargetProblem Parse(ReadOnlySpan<char> text, out TargetHost? host, out string reason)
    {
        host = null;
        reason = "";
        if (text.IsEmpty)
        {
            reason = "must name a host.";
            return TargetProblem.Malformed;
        }

        if (text[0] == '[')
        {
            return ParseIPv6(text, out host, out reason);
        }

        if (PercentDecode(text) is not { } decoded)
        {
            reason = "has a host with a broken percent-encoding.";
            return TargetProblem.Malformed;
        }

        // Decoding may reveal what the raw text could not carry (%40 is '@', %0A a line feed).
        if (decoded.Contains('@'))
        {
            reason = "must not contain user info (user@host), even percent-encoded.";
            return TargetProblem.UserInfo;
        }

        if (TargetUrl.FirstForbidden(decoded) is { } bad)
        {
            reason = $"must not contain spaces, control or invisible characters in the host (U+{bad:X4} found).";
            return TargetProblem.Characters;
        }

        if (IdnaMapping.Map(decoded, out var unmapped) is not { } mapped)
        {
            reason = $"has a character in its host that browsers rewrite or refuse (U+{unmapped:X4}); write the host plainly.";
            return TargetProblem.Malformed;
        }

        // Full-width forms map to ASCII, U+FF20 to '@'.
        if (mapped.Contains('@'))
        {
            reason = "must not contain user info (user@host), even in another spelling of '@'.";
            return TargetProblem.UserInfo;
        }

        if (IdnaMapping.ToAscii(mapped) is not { } ascii)
        {
            reason = "has a host name that is not valid.";
            return TargetProblem.Malformed;
        }

        if (EndsInNumber(ascii))
        {
            if (ParseIPv4(ascii) is not { } number)
            {
                reason = "has a host that is neither a valid IPv4 address nor a domain name.";
                return TargetProblem.Malformed;
            }

            var address = new IPAddress([(byte)(number >> 24), (byte)(number >> 16), (byte)(number >> 8), (byte)number]);
            var dotted = address.ToString();
            host = new TargetHost(dotted, TargetHostKind.IPv4, address, dotted);
            return TargetProblem.None;
        }

        var name = ascii.EndsWith('.') ? ascii[..^1] : ascii;
        if (!IsLdhName(name))
        {
            reason = $"has a host name that is not valid (letters, digits and '-' only, labels of 1 to {MaxLabelLength}, at most {MaxNameLength} in all).";
            return TargetProblem.Malformed;
        }

        var unicode = IdnaMapping.ToUnicode(name);
        host = new TargetHost(name, TargetHostKind.Name, null, unicode);
        return TargetProblem.None;
    }

    /// <summary>WHATWG "ends in a number": the last label (after a trailing dot) is decimal digits or 0x and hex digits.</summary>
    public static bool EndsInNumber(string host)
    {
        var span = host.AsSpan();
        if (span.EndsWith('.'))
        {
            span = span[..^1];
        }

        var last = span[(span.LastIndexOf('.') + 1)..];
        if (last.IsEmpty)
        {
            return false;
        }

        if (!last.ContainsAnyExcept("0123456789"))
        {
            return true;
        }

        return last.Length >= 2 && last[0] == '0' && last[1] is 'x' or 'X' && !last[2..].ContainsAnyExcept("0123456789abcdefABCDEF");
    }

    /// <summary>The WHATWG IPv4 parser: up to four parts, each decimal, octal (leading 0) or hex (0x); the last fills the rest.</summary>
    public static uint? ParseIPv4(string host)
    {
        var parts = host.Split('.');
        var count = parts.Length;
        if (count > 1 && parts[^1].Length == 0)
        {
            count--;
        }

        if (count > 4)
        {
            return null;
        }

        Span<ulong> numbers = stackalloc ulong[4];
        for (var i = 0; i < count; i++)
        {
            if (ParseNumber(parts[i]) is not { } n)
            {
                return null;
            }

            numbers[i] = n;
        }

        ulong result = 0;
        for (var i = 0; i < count - 1; i++)
        {
            if (numbers[i] > 255)
            {
                return null;
            }

            result |= numbers[i] << (8 * (3 - i));
        }

        var last = numbers[count - 1];
        if (last >= 1UL << (8 * (5 - count)))
        {
            return null;
        }

        return (uint)(result + last);
    }

    private static ulong? ParseNumber(string part)
    {
        if (part.Length == 0)
        {
            return null;
        }

        var radix = 10;
        var digits = part.AsSpan();
        if (digits.Length >= 2 && digits[0] == '0' && digits[1] is 'x' or 'X')
        {
            radix = 16;
            digits = digits[2..];
        }
        else if (digits.Length >= 2 && digits[0] == '0')
        {
            radix = 8;
            digits = digits[1..];
        }

        ulong value = 0;
        foreach (var c in digits)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                return null;
            }

            // Past 2^32 the number is refused anyway; stop before ulong overflows.
            value = Math.Min(value * (ulong)radix + (ulong)digit, 1UL << 40);
        }

        return value;
    }

    private static TargetProblem ParseIPv6(ReadOnlySpan<char> text, out TargetHost? host, out string reason)
    {
        host = null;
        reason = "";
        if (text.Length < 3 || text[^1] != ']')
        {
            reason = "has a broken IPv6 address (it must be written [address]).";
            return TargetProblem.Malformed;
        }

        var inner = text[1..^1];
        if (inner.Contains('%'))
        {
            reason = "must not carry an IPv6 zone id (%), which only names a local network interface.";
            return TargetProblem.Malformed;
        }

        if (inner.ContainsAnyExcept("0123456789abcdefABCDEF:.") || !IPAddress.TryParse(inner, out var address)
            || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            reason = "has a broken IPv6 address.";
            return TargetProblem.Malformed;
        }

        var name = $"[{address}]";
        host = new TargetHost(name, TargetHostKind.IPv6, address, name);
        return TargetProblem.None;
    }

    /// <summary>Percent-decodes as UTF-8; null when an escape is broken or the bytes are not UTF-8.</summary>
    private static string? PercentDecode(ReadOnlySpan<char> text)
    {
        if (!text.Contains('%'))
        {
            return text.ToString();
        }

        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !byte.TryParse(text.Slice(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    return null;
                }

                bytes.Add(b);
                i += 2;
            }
            else if (Rune.DecodeFromUtf16(text[i..], out var rune, out var used) == System.Buffers.OperationStatus.Done)
            {
                var length = rune.EncodeToUtf8(utf8);
                bytes.AddRange(utf8[..length]);
                i += used - 1;
            }
            else
            {
                return null;
            }
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Letters, digits and '-' in labels of 1 to 63 that neither start nor end with '-'; at most 253 in all.</summary>
    private static bool IsLdhName(string name)
    {
        if (name.Length is 0 or > MaxNameLength)
        {
            return false;
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > MaxLabelLength || label[0] == '-' || label[^1] == '-'
                || label.AsSpan().ContainsAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789-"))
            {
                return false;
            }
        }

        return true;
    }
}
