using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Hop.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hop.Domains;

/// <summary>
/// The configured domains, in memory on every instance: a redirect finds its domain from the request's
/// Host header without allocating (<see cref="TryFind(HttpRequest, out DomainEntry?)"/>), the target policy asks whether a host is one
/// of Hop's own (<see cref="IsOwn"/>), and short URLs are built from a link's domain, never from an
/// unchecked Host header. <see cref="DomainSync"/> keeps it equal to the <c>domains</c> table; until the
/// first load it holds the default domain alone, as configured.
/// </summary>
internal sealed class DomainTable
{
    /// <summary>Loopback names count as the default domain: local tools, health checks and a proxy that
    /// does not pass the Host on reach Hop there, and short URLs on it never come from the request then
    /// unless Links:PublicBaseUrl is unset.</summary>
    private static readonly string[] LoopbackNames = [Domain.LocalHost, "127.0.0.1", "[::1]"];

    private readonly Links.LinkOptions _links;
    private volatile Snapshot _current;

    public DomainTable(IOptions<Links.LinkOptions> links)
    {
        _links = links.Value;
        DefaultHost = _links.PublicBaseUrl is { IsAbsoluteUri: true } configured ? configured.IdnHost.ToLowerInvariant() : Domain.LocalHost;
        _current = new Snapshot([new DomainEntry
        {
            Id = Domain.DefaultId,
            Host = DefaultHost,
            IsDefault = true,
            Https = true,
            Access = DomainAccess.Everyone,
            Users = FrozenSet<long>.Empty,
        }]);
    }

    /// <summary>The default domain's host as configured (Links:PublicBaseUrl), else <see cref="Domain.LocalHost"/>.</summary>
    public string DefaultHost { get; }

    public DomainEntry Default => _current.Default;

    public IReadOnlyList<DomainEntry> All => _current.Entries;

    /// <summary>Swaps in a new set of domains at once.</summary>
    public void Replace(IEnumerable<DomainEntry> entries) => _current = new Snapshot([.. entries]);

    /// <summary>Loads every domain from the database; the number loaded, or 0 (nothing swapped) before the migration made the default one.</summary>
    public async Task<int> LoadAsync(HopDbContext db, CancellationToken ct)
    {
        var domains = await db.Domains.AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct);
        if (!domains.Exists(d => d.IsDefault))
        {
            return 0;
        }

        Replace(domains.Select(DomainEntry.From));
        return domains.Count;
    }

    /// <summary>
    /// The domain a Host header (as sent: any case, with or without a port) names; false for a host that is
    /// not configured. Allocation-free.
    /// </summary>
    public bool TryFind(ReadOnlySpan<char> hostHeader, [NotNullWhen(true)] out DomainEntry? domain) =>
        _current.ByHost.TryGetValue(HostOf(hostHeader), out domain);

    /// <summary>
    /// The domain of the request's Host header as sent: <see cref="HttpRequest.Host"/> would turn a punycode
    /// name into Unicode, and allocate doing so.
    /// </summary>
    public bool TryFind(HttpRequest request, [NotNullWhen(true)] out DomainEntry? domain) =>
        TryFind(request.Headers.Host.ToString(), out domain);

    public DomainEntry? ById(long id) => _current.ById.GetValueOrDefault(id);

    /// <summary>The domain with this host (any case, no port); null when none has it.</summary>
    public DomainEntry? ByHost(string? host) =>
        host is not null && _current.ByHost.TryGetValue(HostOf(host), out var domain) ? domain : null;

    /// <summary>Whether a canonical host (lower case, punycode) is one of the domains, or their "www." twin.</summary>
    public bool IsOwn(string host) => _current.OwnHosts.Contains(WithoutWww(host));

    /// <summary>
    /// The short URL of <paramref name="code"/> on domain <paramref name="domainId"/>: on the default domain
    /// the configured base, or without one the request's own scheme and host when that host is the default
    /// domain; on another domain its host.
    /// </summary>
    public string ShortUrl(long domainId, string code, HttpRequest request)
    {
        var domain = ById(domainId) ?? Default;
        if (!domain.IsDefault)
        {
            return $"{(domain.Https ? "https" : "http")}://{domain.Host}/{code}";
        }

        if (_links.ConfiguredRoot is { } root)
        {
            return $"{root}/{code}";
        }

        return TryFind(request, out var asked) && asked.IsDefault
            ? _links.ShortUrl(request, code)
            : $"http://{domain.Host}{request.PathBase}/{code}";
    }

    /// <summary>The link's domain and short URL (see <see cref="ShortUrl"/>).</summary>
    public LinkAddress AddressOf(Links.Link link, HttpRequest request) =>
        new((ById(link.DomainId) ?? Default).Host, ShortUrl(link.DomainId, link.Code, request));

    /// <summary>The host of a Host header: no port, no trailing dot.</summary>
    private static ReadOnlySpan<char> HostOf(ReadOnlySpan<char> header)
    {
        if (header.StartsWith('['))
        {
            var close = header.IndexOf(']');
            return close < 0 ? header : header[..(close + 1)];
        }

        var colon = header.LastIndexOf(':');
        var host = colon < 0 ? header : header[..colon];
        return host.EndsWith('.') ? host[..^1] : host;
    }

    private static string WithoutWww(string host) => host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;

    private sealed class Snapshot
    {
        public Snapshot(DomainEntry[] entries)
        {
            Entries = entries;
            Default = entries.First(e => e.IsDefault);
            var byHost = entries.ToDictionary(e => e.Host, StringComparer.OrdinalIgnoreCase);
            foreach (var loopback in LoopbackNames)
            {
                byHost.TryAdd(loopback, Default);
            }

            ByHost = byHost.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
            ById = entries.ToFrozenDictionary(e => e.Id);
            OwnHosts = entries.Select(e => WithoutWww(e.Host)).ToFrozenSet(StringComparer.Ordinal);
        }

        public DomainEntry[] Entries { get; }
        public DomainEntry Default { get; }
        public FrozenDictionary<string, DomainEntry>.AlternateLookup<ReadOnlySpan<char>> ByHost { get; }
        public FrozenDictionary<long, DomainEntry> ById { get; }
        public FrozenSet<string> OwnHosts { get; }
    }
}
