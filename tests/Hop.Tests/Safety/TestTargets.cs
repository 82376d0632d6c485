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

    public static TargetPolicy Policy(SafetyOptions? options = null, TestResolver? resolver = null, string? publicBase = PublicBase) =>
        new(Options.Create(options ?? new SafetyOptions()),
            Options.Create(new LinkOptions { PublicBaseUrl = publicBase is null ? null : new Uri(publicBase) }),
            new BlocklistIndex(),
            resolver ?? new TestResolver());
}
