using System.Text.RegularExpressions;

namespace Hop.Tests.Safety;

/// <summary>
/// Reads the corpora kept as data beside the tests (HostileTargets.txt, LegitimateTargets.txt): one case a
/// line, two columns split by a tab, '#' starts a comment line. Values are unescaped as
/// <see cref="Regex.Unescape"/> does, and <c>{N x c}</c> stands for N repeats of c.
/// </summary>
internal static partial class TargetCorpus
{
    public static IEnumerable<(string First, string? Second)> Read(string file)
    {
        using var stream = typeof(TargetCorpus).Assembly.GetManifestResourceStream($"Hop.Tests.Safety.{file}")
            ?? throw new InvalidOperationException($"{file} is not embedded.");
        using var reader = new StreamReader(stream);
        var cases = new List<(string, string?)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            cases.Add(tab < 0 ? (Decode(line), null) : (Decode(line[..tab]), Decode(line[(tab + 1)..])));
        }

        return cases;
    }

    public static string Decode(string text) =>
        Repeat().Replace(Regex.Unescape(text), m => new string(m.Groups[2].Value[0], int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));

    [GeneratedRegex(@"\{(\d+) x (.)\}")]
    private static partial Regex Repeat();
}
