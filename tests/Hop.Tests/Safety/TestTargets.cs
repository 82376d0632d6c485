using System.Collections.Frozen;
using Hop.Domains;
using Hop.Links;
using Hop.Safety;
using Hop.Safety.Blocklist;
using Hop.Safety.Targets;
using Microsoft.Extensions.Options;

namespace Hop.Tests.Safety;

/// <summary>A <see cref="TargetPolicy"/> on given settings, with <see cref="TestResolver"/> in place of DNS.</summary>
internal static class TestTargets
{
    public const string PublicBase = "https://hop.example.net";

    public static TargetPolicy Policy(
        SafetyOptions? options = null, TestResolver? resolver = null, string? publicBase = PublicBase, string[]? domains = null) =>
        new(Options.Create(options ?? new SafetyOptions()), Domains(publicBase, domains ?? []), new BlocklistIndex(), resolver ?? new TestResolver());

    /// <summary>The default domain on <paramref name="publicBase"/>, and one more domain per host of <paramref name="others"/>.</summary>
    public static DomainTable Domains(string? publicBase = PublicBase, params string[] others)
    {
        var table = new DomainTable(Options.Create(new LinkOptions { PublicBaseUrl = publicBase is null ? null : new Uri(publicBase) }));
        table.Replace([table.Default, .. others.Select((host, i) => new DomainEntry
        {
            Id = 2 + i,
            Host = host,
            IsDefault = false,
            Https = true,
            Access = DomainAccess.Everyone,
            Users = FrozenSet<long>.Empty,
        })]);
        return table;
    }
}
