using System.Collections.Frozen;

namespace Hop.Safety.Targets;

/// <summary>
/// Whether a DNS name has public shape: at least one label before a top-level domain IANA delegates, and
/// not a local, special-use or cloud metadata name. The top-level domains come from the ICANN section of
/// the Public Suffix List (TopLevelDomains.txt, embedded; regenerate it from a newer list when new
/// top-level domains matter), so nothing is read from the machine at run time.
/// </summary>
internal static class PublicNames
{
    /// <summary>Names and suffixes that never reach the public internet: RFC 6761/6762/7686/8375 and common private zones.</summary>
    private static readonly FrozenSet<string> LocalSuffixes = new[]
    {
        "localhost", "local", "internal", "localdomain", "lan", "home", "corp", "intranet", "private",
        "test", "example", "invalid", "onion", "alt", "arpa",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Cloud metadata services by name; those under a local suffix are refused by it too, but named here so the reason says what they are.</summary>
    private static readonly FrozenSet<string> MetadataNames = new[]
    {
        "metadata", "instance-data", "metadata.google.internal", "metadata.goog", "instance-data.ec2.internal",
        "metadata.tencentyun.com", "metadata.platformequinix.com", "metadata.packet.net",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> TopLevelDomains = LoadTopLevelDomains();

    public static int TopLevelDomainCount => TopLevelDomains.Count;

    public static bool IsTopLevelDomain(string label) => TopLevelDomains.Contains(label);

    /// <summary>Null for a name of public shape; else the category and a reason that completes "url …". <paramref name="name"/> is canonical (lower-case punycode, no trailing dot).</summary>
    public static (TargetProblem Problem, string Reason)? Classify(string name)
    {
        if (MetadataNames.Contains(name))
        {
            return (TargetProblem.Metadata, $"must not point to a cloud metadata service ({name}).");
        }

        var dot = name.LastIndexOf('.');
        if (dot < 0)
        {
            return (TargetProblem.LocalName, name == "localhost"
                ? "must not point to localhost."
                : $"must name a full domain, not the single label '{name}'.");
        }

        var tld = name[(dot + 1)..];
        if (LocalSuffixes.Contains(tld))
        {
            return (TargetProblem.LocalName, $"must not point to a local or special-use name (.{tld}).");
        }

        return TopLevelDomains.Contains(tld)
            ? null
            : (TargetProblem.UnknownSuffix, $"must end in a known top-level domain (.{tld} is not one).");
    }

    private static FrozenSet<string> LoadTopLevelDomains()
    {
        using var stream = typeof(PublicNames).Assembly.GetManifestResourceStream("Hop.Safety.Targets.TopLevelDomains.txt")
            ?? throw new InvalidOperationException("The embedded list of top-level domains is missing.");
        using var reader = new StreamReader(stream);
        var names = new List<string>(1600);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                names.Add(line);
            }
        }

        return names.ToFrozenSet(StringComparer.Ordinal);
    }
}
