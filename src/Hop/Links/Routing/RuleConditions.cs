using System.Text.Json.Serialization;

namespace Hop.Links.Routing;

/// <summary>
/// What must hold for a <see cref="RedirectRule"/> to match: every member given (AND); a list holds when
/// any of its values does (OR). <see cref="Query"/> holds when each named parameter is present (null) or
/// equal to the value; <see cref="After"/> and <see cref="Before"/> bound the instant of the visit.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record RuleConditions
{
    /// <summary>mobile, tablet or desktop.</summary>
    public IReadOnlyList<string>? Device { get; init; }

    /// <summary>ios, android, windows, macos or linux.</summary>
    public IReadOnlyList<string>? Os { get; init; }

    /// <summary>A browser as the analytics name it (chrome, firefox, safari, edge, opera, samsung internet, …).</summary>
    public IReadOnlyList<string>? Browser { get; init; }

    /// <summary>BCP 47 tags, matched against the visitor's most preferred language on whole subtags.</summary>
    public IReadOnlyList<string>? Language { get; init; }

    /// <summary>ISO 3166 alpha-2 codes, as the analytics determine a visitor's country.</summary>
    public IReadOnlyList<string>? Country { get; init; }

    public IReadOnlyDictionary<string, string?>? Query { get; init; }

    public DateTimeOffset? After { get; init; }

    public DateTimeOffset? Before { get; init; }

    /// <summary>CIDR ranges, IPv4 or IPv6, of the client's address.</summary>
    public IReadOnlyList<string>? Ip { get; init; }
}
