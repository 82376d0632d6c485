using System.Globalization;
using System.Text;

namespace Hop.Safety.Targets;

/// <summary>
/// Spots the two usual tricks of a look-alike domain name: a label that mixes alphabets (Latin with
/// Cyrillic or Greek letters) and a label written wholly in Cyrillic or Greek letters that read as Latin
/// (<c>аррӏе</c>). The mixes Japanese, Chinese and Korean names use (UTS #39 "highly restrictive") are
/// fine. .NET has no Unicode script property, so the scripts that matter are a range table here; a letter
/// outside it counts as one more script.
/// </summary>
internal static class LabelScripts
{
    private enum Script
    {
        Common,
        Latin,
        Greek,
        Cyrillic,
        Armenian,
        Hebrew,
        Arabic,
        Devanagari,
        Thai,
        Georgian,
        Hangul,
        Hiragana,
        Katakana,
        Bopomofo,
        Han,
        Other,
    }

    private static readonly (int First, int Last, Script Script)[] Ranges =
    [
        (0x0041, 0x005A, Script.Latin), (0x0061, 0x007A, Script.Latin), (0x00AA, 0x00AA, Script.Latin),
        (0x00BA, 0x00BA, Script.Latin), (0x00C0, 0x00D6, Script.Latin), (0x00D8, 0x00F6, Script.Latin),
        (0x00F8, 0x02AF, Script.Latin), (0x1D00, 0x1D7F, Script.Latin), (0x1E00, 0x1EFF, Script.Latin),
        (0x2C60, 0x2C7F, Script.Latin), (0xA720, 0xA7FF, Script.Latin), (0xAB30, 0xAB6F, Script.Latin),
        (0x0370, 0x03FF, Script.Greek), (0x1F00, 0x1FFF, Script.Greek),
        (0x0400, 0x052F, Script.Cyrillic), (0x1C80, 0x1C8F, Script.Cyrillic), (0x2DE0, 0x2DFF, Script.Cyrillic),
        (0xA640, 0xA69F, Script.Cyrillic),
        (0x0530, 0x058F, Script.Armenian), (0x0590, 0x05FF, Script.Hebrew),
        (0x0600, 0x06FF, Script.Arabic), (0x0750, 0x077F, Script.Arabic), (0x08A0, 0x08FF, Script.Arabic),
        (0x0900, 0x097F, Script.Devanagari), (0x0E00, 0x0E7F, Script.Thai),
        (0x10A0, 0x10FF, Script.Georgian), (0x2D00, 0x2D2F, Script.Georgian),
        (0x1100, 0x11FF, Script.Hangul), (0x3130, 0x318F, Script.Hangul), (0xAC00, 0xD7AF, Script.Hangul),
        (0x3040, 0x309F, Script.Hiragana), (0x30A0, 0x30FF, Script.Katakana), (0x31F0, 0x31FF, Script.Katakana),
        (0x3100, 0x312F, Script.Bopomofo), (0x31A0, 0x31BF, Script.Bopomofo),
        (0x2E80, 0x2FDF, Script.Han), (0x3005, 0x3007, Script.Han), (0x3021, 0x3029, Script.Han),
        (0x3400, 0x4DBF, Script.Han), (0x4E00, 0x9FFF, Script.Han), (0xF900, 0xFAFF, Script.Han),
        (0x20000, 0x3FFFF, Script.Han),
    ];

    /// <summary>The scripts a single label may combine: Japanese, Chinese and Korean writing with Latin.</summary>
    private static readonly Script[][] AllowedMixes =
    [
        [Script.Latin, Script.Han, Script.Hiragana, Script.Katakana],
        [Script.Latin, Script.Han, Script.Bopomofo],
        [Script.Latin, Script.Han, Script.Hangul],
    ];

    /// <summary>Lower-case Cyrillic and Greek letters that look like a Latin letter, and the letter they pass for.</summary>
    private static readonly Dictionary<char, char> LatinLookAlikes = new()
    {
        ['а'] = 'a', ['в'] = 'b', ['с'] = 'c', ['ԁ'] = 'd', ['е'] = 'e', ['ё'] = 'e', ['һ'] = 'h', ['і'] = 'i',
        ['ї'] = 'i', ['ј'] = 'j', ['к'] = 'k', ['ӏ'] = 'l', ['м'] = 'm', ['п'] = 'n', ['о'] = 'o', ['р'] = 'p',
        ['ԛ'] = 'q', ['г'] = 'r', ['ѕ'] = 's', ['т'] = 't', ['ц'] = 'u', ['ѵ'] = 'v', ['ԝ'] = 'w', ['х'] = 'x',
        ['у'] = 'y', ['ү'] = 'y', ['ʐ'] = 'z',
        ['α'] = 'a', ['β'] = 'b', ['ϲ'] = 'c', ['ε'] = 'e', ['η'] = 'n', ['ι'] = 'i', ['ϳ'] = 'j', ['κ'] = 'k',
        ['ν'] = 'v', ['ο'] = 'o', ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x', ['γ'] = 'y', ['ω'] = 'w',
    };

    /// <summary>A warning for visitors when any label of <paramref name="unicodeName"/> is a look-alike; null when none is.</summary>
    public static string? Warning(string unicodeName)
    {
        if (Ascii.IsValid(unicodeName))
        {
            return null;
        }

        foreach (var label in unicodeName.Split('.'))
        {
            if (LabelWarning(label) is { } warning)
            {
                return warning;
            }
        }

        return null;
    }

    private static string? LabelWarning(string label)
    {
        var scripts = new List<Script>(2);
        foreach (var rune in label.EnumerateRunes())
        {
            var script = ScriptOf(rune);
            if (script != Script.Common && !scripts.Contains(script))
            {
                scripts.Add(script);
            }
        }

        if (scripts.Count > 1 && !AllowedMixes.Any(mix => scripts.All(mix.Contains)))
        {
            return $"the address mixes alphabets ({string.Join(" and ", scripts.Select(Name))}), a common trick to imitate another site.";
        }

        if (scripts is [Script.Cyrillic or Script.Greek] && LooksLatin(label, out var reads))
        {
            return $"the address is written in {Name(scripts[0])} letters that look like Latin ones (it reads as {reads}), a common trick to imitate another site.";
        }

        return null;
    }

    /// <summary>True when every letter of the label passes for a Latin one; <paramref name="reads"/> is how it reads.</summary>
    private static bool LooksLatin(string label, out string reads)
    {
        var latin = new StringBuilder(label.Length);
        foreach (var c in label)
        {
            if (LatinLookAlikes.TryGetValue(c, out var look))
            {
                latin.Append(look);
            }
            else if (c is '-' or (>= '0' and <= '9'))
            {
                latin.Append(c);
            }
            else
            {
                reads = "";
                return false;
            }
        }

        reads = latin.ToString();
        return true;
    }

    private static Script ScriptOf(Rune rune)
    {
        var value = rune.Value;
        if (value < 0x80 && !Rune.IsLetter(rune))
        {
            return Script.Common;
        }

        // Combining marks take the script of the letter they sit on; the long vowel mark is shared by kana.
        if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.EnclosingMark or UnicodeCategory.DecimalDigitNumber
            || value is 0x30FC or 0x3099 or 0x309A or 0x30FB)
        {
            return Script.Common;
        }

        foreach (var (first, last, script) in Ranges)
        {
            if (value >= first && value <= last)
            {
                return script;
            }
        }

        return Script.Other;
    }

    private static string Name(Script script) => script == Script.Other ? "another alphabet" : script.ToString();
}
