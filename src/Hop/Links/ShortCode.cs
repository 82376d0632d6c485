using System.Diagnostics.CodeAnalysis;

namespace Hop.Links;

/// <summary>Base62 text of a generated code: always <see cref="Length"/> characters.</summary>
internal static class ShortCode
{
    public const int Length = 7;
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>62^7: the number of distinct generated codes.</summary>
    public const long Space = 3_521_614_606_208L;

    public static string Encode(long value)
    {
        if ((ulong)value >= Space)
        {
            ThrowOutOfRange(value);
        }

        return string.Create(Length, value, static (span, v) => Write(v, span));
    }

    public static void Write(long value, Span<char> destination)
    {
        for (var i = Length - 1; i >= 0; i--)
        {
            destination[i] = Alphabet[(int)(value % 62)];
            value /= 62;
        }
    }

    public static bool TryDecode(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.Length != Length)
        {
            return false;
        }

        foreach (var c in text)
        {
            var digit = DigitOf(c);
            if (digit < 0)
            {
                return false;
            }

            value = (value * 62) + digit;
        }

        return true;
    }

    /// <summary>Codes and aliases share one alphabet: [A-Za-z0-9_-], at most 64 characters.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        if (text.Length is 0 or > AliasRules.MaxLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static int DigitOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'Z' => c - 'A' + 10,
        >= 'a' and <= 'z' => c - 'a' + 36,
        _ => -1,
    };

    [DoesNotReturn]
    private static void ThrowOutOfRange(long value) =>
        throw new ArgumentOutOfRangeException(nameof(value), value, "A code number must be in [0, 62^7).");
}
