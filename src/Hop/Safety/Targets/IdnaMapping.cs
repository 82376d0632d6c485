using System.Globalization;
using System.Text;

namespace Hop.Safety.Targets;

/// <summary>
/// The part of UTS #46 mapping a browser applies to a host before anything else, as far as Hop can do
/// it without ICU (Hop runs with invariant globalization, where <see cref="IdnMapping"/> only encodes
/// Punycode and <see cref="string.Normalize()"/> does nothing): full-width ASCII and the ideographic full
/// stops become ASCII, and letters become lower case. A character that UTS #46 would map in other ways
/// (compatibility forms such as ⑫, ⓔ, ﬁ, 𝟏, modifier letters) is refused rather than guessed at, so
/// no host reaches the policy in a spelling a browser reads differently.
/// </summary>
internal static class IdnaMapping
{
    private static readonly IdnMapping Punycode = new();

    /// <summary>Null when <paramref name="host"/> holds a character that is mapped in a way this class does not do.</summary>
    public static string? Map(string host, out int refused)
    {
        refused = 0;
        if (Ascii.IsValid(host))
        {
            return host.ToLowerInvariant();
        }

        var mapped = new StringBuilder(host.Length);
        foreach (var c in host)
        {
            mapped.Append(c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3002' or '\uFF0E' or '\uFF61' => '.',
                _ => c,
            });
        }

        var lower = mapped.ToString().ToLowerInvariant();
        foreach (var rune in lower.EnumerateRunes())
        {
            if (!rune.IsAscii && !IsKept(rune))
            {
                refused = rune.Value;
                return null;
            }
        }

        return lower;
    }

    /// <summary>
    /// Punycode for every non-ASCII label; null when a label is not valid, or when an xn-- label decodes to
    /// something a browser would not keep as it is (upper case, a compatibility form, bad Punycode).
    /// </summary>
    public static string? ToAscii(string mapped)
    {
        string ascii;
        try
        {
            ascii = Ascii.IsValid(mapped) ? mapped : Punycode.GetAscii(mapped);
        }
        catch (ArgumentException)
        {
            return null;
        }

        if (!ascii.Contains("xn--", StringComparison.Ordinal))
        {
            return ascii;
        }

        foreach (var label in ascii.Split('.'))
        {
            if (!label.StartsWith("xn--", StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                var decoded = Punycode.GetUnicode(label);
                if (decoded.Length == 0 || Ascii.IsValid(decoded) || Map(decoded, out _) != decoded
                    || !string.Equals(Punycode.GetAscii(decoded), label, StringComparison.Ordinal))
                {
                    return null;
                }
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        return ascii;
    }

    /// <summary>The Unicode form of a canonical name, for people to read; the name itself when it has no xn-- label.</summary>
    public static string ToUnicode(string ascii)
    {
        if (!ascii.Contains("xn--", StringComparison.Ordinal))
        {
            return ascii;
        }

        try
        {
            return Punycode.GetUnicode(ascii);
        }
        catch (ArgumentException)
        {
            return ascii;
        }
    }

    /// <summary>
    /// A non-ASCII character UTS #46 keeps as it is, as far as categories and blocks tell: letters, marks and
    /// digits outside the compatibility blocks. Modifier letters map to plain ones, except the Japanese
    /// iteration and length marks (々, ー, ゝ, ヽ).
    /// </summary>
    private static bool IsKept(Rune rune)
    {
        var value = rune.Value;
        if (value is (>= 0x2000 and <= 0x2BFF) or (>= 0x2E80 and <= 0x2FFF) or (>= 0x3130 and <= 0x318F) or (>= 0x3200 and <= 0x33FF) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0xFB00 and <= 0xFDFF) or (>= 0xFE00 and <= 0xFFFF) or (>= 0x1D400 and <= 0x1D7FF)
            or (>= 0x1F100 and <= 0x1F1FF) or (>= 0x2F800 and <= 0x2FA1F) or (>= 0xE0000 and <= 0xE0FFF)
            or 0x00B5 or 0x0130 or 0x0149 or 0x017F or 0x0340 or 0x0341 or 0x0343 or 0x0344 or 0x0345 or 0x0587)
        {
            return false;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.LowercaseLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber => true,
            UnicodeCategory.ModifierLetter => value is 0x3005 or 0x30FC or 0x309D or 0x309E or 0x30FD or 0x30FE,
            _ => false,
        };
    }
}
