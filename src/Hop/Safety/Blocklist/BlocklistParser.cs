using System.Net;

namespace Hop.Safety.Blocklist;

/// <summary>
/// Reads the lines of the list formats in <see cref="BlocklistFormat"/>. A line yields raw names and URLs;
/// <see cref="BlocklistValues"/> then decides which are valid, so an import can count comments, junk
/// and invalid names apart.
/// </summary>
internal static class BlocklistParser
{
    /// <summary>Names a hosts file maps for the machine itself, never blocklist entries.</summary>
    private static readonly HashSet<string> HostsFileOwnNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "localhost", "localhost.localdomain", "local", "broadcasthost", "localhost4", "localhost6",
        "localhost4.localdomain4", "localhost6.localdomain6", "ip6-localhost", "ip6-loopback", "ip6-localnet",
        "ip6-mcastprefix", "ip6-allnodes", "ip6-allrouters", "ip6-allhosts", "0.0.0.0",
    };

    /// <summary>Adds the names or URLs of <paramref name="line"/> to <paramref name="values"/> and says what the line was.</summary>
    public static BlocklistLineKind ParseLine(ReadOnlySpan<char> line, BlocklistFormat format, List<string> values)
    {
        line = line.Trim();
        if (line.IsEmpty)
        {
            return BlocklistLineKind.Blank;
        }

        if (line[0] == '#' || (line[0] == '!' && format is BlocklistFormat.Auto or BlocklistFormat.Adblock)
            || (line[0] == '[' && line[^1] == ']' && format is BlocklistFormat.Auto or BlocklistFormat.Adblock))
        {
            return BlocklistLineKind.Comment;
        }

        return (format == BlocklistFormat.Auto ? Detect(line) : format) switch
        {
            BlocklistFormat.Adblock => Adblock(line, values),
            BlocklistFormat.Urlhaus => Urlhaus(line, values),
            BlocklistFormat.Hosts => Hosts(line, values),
            _ => Domain(line, values),
        };
    }

    private static BlocklistFormat Detect(ReadOnlySpan<char> line) =>
        line.StartsWith("||") ? BlocklistFormat.Adblock
        : line[0] == '"' || (line.Contains(',') && line.Contains("://", StringComparison.Ordinal)) ? BlocklistFormat.Urlhaus
        : IsAddress(FirstToken(line)) && line.IndexOfAny(' ', '\t') > 0 ? BlocklistFormat.Hosts
        : BlocklistFormat.Domains;

    private static BlocklistLineKind Domain(ReadOnlySpan<char> line, List<string> values)
    {
        line = StripComment(line);
        if (line.IsEmpty || line.IndexOfAny(' ', '\t', ',') >= 0)
        {
            return BlocklistLineKind.Junk;
        }

        values.Add(line.ToString());
        return BlocklistLineKind.Entries;
    }

    private static BlocklistLineKind Hosts(ReadOnlySpan<char> line, List<string> values)
    {
        line = StripComment(line);
        var first = FirstToken(line);
        if (!IsAddress(first))
        {
            return BlocklistLineKind.Junk;
        }

        var rest = line[first.Length..].Trim();
        var added = false;
        var own = false;
        foreach (var range in rest.SplitAny(' ', '\t'))
        {
            var name = rest[range];
            if (name.IsEmpty)
            {
                continue;
            }

            var text = name.ToString();
            if (HostsFileOwnNames.Contains(text))
            {
                own = true;
                continue;
            }

            values.Add(text);
            added = true;
        }

        // "127.0.0.1 localhost" is the file describing the machine, not a junk line.
        return added ? BlocklistLineKind.Entries : own ? BlocklistLineKind.Comment : BlocklistLineKind.Junk;
    }

    private static BlocklistLineKind Adblock(ReadOnlySpan<char> line, List<string> values)
    {
        if (!line.StartsWith("||"))
        {
            return BlocklistLineKind.Junk;
        }

        var rule = line[2..];
        var options = rule.IndexOf('$');
        if (options >= 0)
        {
            rule = rule[..options];
        }

        // Only whole-domain rules: "||evil.com^" (optionally "^|"); a path or a wildcard is not a domain.
        if (rule.EndsWith("^|"))
        {
            rule = rule[..^1];
        }

        if (!rule.EndsWith('^') || rule.Length < 2)
        {
            return BlocklistLineKind.Junk;
        }

        rule = rule[..^1];
        if (rule.IndexOfAny("/*^|:?= ") >= 0)
        {
            return BlocklistLineKind.Junk;
        }

        values.Add(rule.ToString());
        return BlocklistLineKind.Entries;
    }

    /// <summary>The URL field of a URLhaus CSV row (id, dateadded, url, url_status, …); other columns are ignored.</summary>
    private static BlocklistLineKind Urlhaus(ReadOnlySpan<char> line, List<string> values)
    {
        var fields = CsvFields(line);
        var url = fields.Count > 2 && LooksLikeUrl(fields[2]) ? fields[2] : fields.Find(LooksLikeUrl);
        if (url is null)
        {
            return BlocklistLineKind.Junk;
        }

        values.Add(url);
        return BlocklistLineKind.Entries;
    }

    private static bool LooksLikeUrl(string field) =>
        field.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || field.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>One CSV row: fields split on commas, double quotes around a field, "" inside for a quote.</summary>
    internal static List<string> CsvFields(ReadOnlySpan<char> line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString().Trim());
        return fields;
    }

    private static ReadOnlySpan<char> StripComment(ReadOnlySpan<char> line)
    {
        var hash = line.IndexOf('#');
        return (hash >= 0 ? line[..hash] : line).Trim();
    }

    private static ReadOnlySpan<char> FirstToken(ReadOnlySpan<char> line)
    {
        var end = line.IndexOfAny(' ', '\t');
        return end < 0 ? line : line[..end];
    }

    private static bool IsAddress(ReadOnlySpan<char> token) =>
        token.Length > 0 && (char.IsAsciiDigit(token[0]) || token[0] == ':') && IPAddress.TryParse(token, out _);
}
