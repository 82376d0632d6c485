using System.Net;
using Hop.Links.Routing;
using Hop.Safety;

namespace Hop.Redirects.Routing;

/// <summary>A <see cref="RedirectRule"/> in the form a redirect tests it: arrays, UTC instants, parsed networks.</summary>
internal sealed class CompiledRule
{
    public required string Url { get; init; }
    /// <summary>The host of <see cref="Url"/>, for the blocklist check a redirect makes before sending anyone there.</summary>
    public required string Host { get; init; }
    public string[]? Devices { get; init; }
    public string[]? Systems { get; init; }
    public string[]? Browsers { get; init; }
    public string[]? Languages { get; init; }
    public string[]? Countries { get; init; }
    public (string Name, string? Value)[]? Query { get; init; }
    public DateTime? After { get; init; }
    public DateTime? Before { get; init; }
    public IPNetwork[]? Networks { get; init; }

    /// <summary>True when the rule needs the user agent classified.</summary>
    public bool NeedsAgent => Devices is not null || Systems is not null || Browsers is not null;

    public static CompiledRule From(RedirectRule rule)
    {
        var c = rule.Conditions ?? new RuleConditions();
        return new CompiledRule
        {
            Url = rule.Url ?? "",
            Host = HostKeys.HostOf(rule.Url ?? ""),
            Devices = c.Device?.ToArray(),
            Systems = c.Os?.ToArray(),
            Browsers = c.Browser?.ToArray(),
            Languages = c.Language?.ToArray(),
            Countries = c.Country?.ToArray(),
            Query = c.Query?.Select(p => (p.Key, p.Value)).ToArray(),
            After = c.After?.UtcDateTime,
            Before = c.Before?.UtcDateTime,
            Networks = c.Ip?.Select(n => IPNetwork.Parse(n)).ToArray(),
        };
    }

    /// <summary>Every condition given holds; the visitor's facts are read only as far as a condition asks.</summary>
    public bool Matches(ref VisitorFacts visitor)
    {
        if ((After is { } after && visitor.Now < after) || (Before is { } before && visitor.Now >= before))
        {
            return false;
        }

        if (Devices is not null && !AnyEqual(Devices, visitor.Agent.Device))
        {
            return false;
        }

        if (Systems is not null && !AnyEqual(Systems, visitor.Agent.Os))
        {
            return false;
        }

        if (Browsers is not null && !AnyEqual(Browsers, visitor.Agent.Browser))
        {
            return false;
        }

        if (Languages is not null && !AnyLanguage(Languages, visitor.PreferredLanguage))
        {
            return false;
        }

        if (Countries is not null && !AnyEqual(Countries, visitor.Country))
        {
            return false;
        }

        if (Query is not null)
        {
            var query = visitor.Query;
            foreach (var (name, value) in Query)
            {
                if (!QueryMatch.Holds(query, name, value))
                {
                    return false;
                }
            }
        }

        return Networks is null || AnyNetwork(Networks, visitor.Address);
    }

    private static bool AnyEqual(string[] values, string? actual)
    {
        if (actual is null)
        {
            return false;
        }

        foreach (var value in values)
        {
            if (value.Equals(actual, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyLanguage(string[] tags, ReadOnlySpan<char> preferred)
    {
        foreach (var tag in tags)
        {
            if (AcceptLanguage.Matches(preferred, tag))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyNetwork(IPNetwork[] networks, IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        foreach (var network in networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
