using Hop.Domains;
using Hop.Links;
using Hop.Safety.Blocklist;
using Microsoft.Extensions.Options;

namespace Hop.Safety.Targets;

/// <summary>
/// The one policy for a link's target (DESIGN.md, "Safety policy for targets"), applied by the url rule
/// of <see cref="LinkRules"/>: a browser-exact reading of the URL (<see cref="TargetUrl"/>), then a public
/// host (<see cref="PublicNames"/>, <see cref="PublicAddresses"/>), none of Hop's own hosts (the configured
/// domains, read live from <see cref="DomainTable"/>), no other
/// shortener unless allowed, the blocklist, and a warning for look-alike names or domains under review.
/// The DNS lookup of Safety:ResolveHosts is the one asynchronous part (<see cref="ResolveAsync"/>).
/// </summary>
internal sealed class TargetPolicy
{
    private readonly SafetyOptions _options;
    private readonly BlocklistIndex _blocklist;
    private readonly IHostResolver _resolver;
    private readonly DomainTable _domains;

    private readonly string[] _shorteners;

    public TargetPolicy(IOptions<SafetyOptions> options, DomainTable domains, BlocklistIndex blocklist, IHostResolver resolver)
    {
        _options = options.Value;
        _domains = domains;
        _blocklist = blocklist;
        _resolver = resolver;
        _shorteners = [.. _options.Shorteners.Select(h => Canonical(h.Trim())).OfType<string>()];
    }

    /// <summary>The verdict on <paramref name="text"/>.</summary>
    public TargetVerdict Check(string? text)
    {
        var parsed = TargetUrl.Parse(text, _options.MaxUrlLength);
        if (!parsed.Accepted || parsed.Host is not { } host)
        {
            return Refused(parsed.Problem, parsed.Reason);
        }

        var classified = host.Address is { } address ? PublicAddresses.Classify(address) : PublicNames.Classify(host.Name);
        if (classified is { } refused)
        {
            return Refused(refused.Problem, refused.Reason);
        }

        if (_domains.IsOwn(host.Name))
        {
            return Refused(TargetProblem.OwnHost, "must not point to this link shortener itself (the link would loop).");
        }

        if (!_options.AllowShorteners && ShortenerOf(host.Name) is { } shortener)
        {
            return Refused(TargetProblem.Shortener, $"must not point to another link shortener ({shortener}), which would hide the final target.");
        }

        var match = _blocklist.Match(host.Name, parsed.Url);
        if (match is { Action: BlocklistAction.Block })
        {
            return Refused(TargetProblem.Blocked, match.Reason is { Length: > 0 } why
                ? $"is on the blocklist ({match.Entry}: {why})."
                : $"is on the blocklist ({match.Entry}).");
        }

        var review = match is { Action: BlocklistAction.Review };
        return new TargetVerdict
        {
            Problem = TargetProblem.None,
            Url = parsed.Url,
            Host = host,
            Warning = review ? "the domain is under review" : host.Kind == TargetHostKind.Name ? LabelScripts.Warning(host.Unicode) : null,
            ReviewEntry = review ? match!.EntryId : null,
            MustResolve = _options.ResolveHosts && host.Kind == TargetHostKind.Name,
        };
    }

    /// <summary>
    /// Resolves a name for Safety:ResolveHosts: null when it resolves and every address is public, else
    /// the reason to refuse it. A name that resolves to a private address today may do so tomorrow too, so
    /// one non-public address is enough.
    /// </summary>
    public async Task<string?> ResolveAsync(TargetHost host, CancellationToken ct)
    {
        var addresses = await _resolver.ResolveAsync(host.Name, ct);
        if (addresses.Count == 0)
        {
            return $"must name a host that resolves ({host.Name} does not).";
        }

        foreach (var resolved in addresses)
        {
            var address = resolved.IsIPv4MappedToIPv6 ? resolved.MapToIPv4() : resolved;
            if (PublicAddresses.Classify(address) is { } refused)
            {
                return $"must name a host whose every address is public, but {host.Name} resolves to {address}, and a target {refused.Reason}";
            }
        }

        return null;
    }

    /// <summary><see cref="Check"/> and, when the settings ask for it, the lookup: for callers outside the links rule table.</summary>
    public async Task<TargetVerdict> CheckAsync(string? text, CancellationToken ct)
    {
        var verdict = Check(text);
        if (!verdict.MustResolve || verdict.Host is not { } host)
        {
            return verdict;
        }

        return await ResolveAsync(host, ct) is { } reason ? Refused(TargetProblem.Resolution, reason) : verdict with { MustResolve = false };
    }

    private string? ShortenerOf(string host)
    {
        foreach (var shortener in _shorteners)
        {
            if (host.EndsWith(shortener, StringComparison.Ordinal)
                && (host.Length == shortener.Length || host[host.Length - shortener.Length - 1] == '.'))
            {
                return shortener;
            }
        }

        return null;
    }

    private static string? Canonical(string host) =>
        WhatwgHost.Parse(host, out var parsed, out _) == TargetProblem.None ? parsed!.Name : null;

    private static TargetVerdict Refused(TargetProblem problem, string reason) => new() { Problem = problem, Reason = reason };
}
