using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using BitFaster.Caching.Lru;

namespace Hop.Clicks.Writing;

/// <summary>
/// Turns a click event into the <see cref="EnrichedVisit"/> that the <see cref="ClickBatchWriter"/>
/// hands to the store: referrer host, user-agent classes (<see cref="UserAgentClassifier"/>), country
/// and the visitor hash (<see cref="VisitorSalts"/>). Runs in the consumer, never on the redirect path.
/// </summary>
internal sealed class ClickEnricher(VisitorSalts salts, VisitorCountries countries)
{
    /// <summary>Distinct user agents remembered; real traffic repeats a small set of them.</summary>
    private const int CachedAgents = 10_000;

    /// <summary>Longer user agents are classified every time rather than held in memory.</summary>
    private const int MaxCachedAgentLength = 512;

    // Classification scans tables of tokens, the costliest step of enrichment.
    private readonly ConcurrentLru<string, UserAgentInfo> _agents = new(CachedAgents);

    public async Task<EnrichedVisit> EnrichAsync(ClickEvent click, CancellationToken ct)
    {
        var occurredAt = DateTime.SpecifyKind(click.OccurredAt, DateTimeKind.Utc);
        var salt = await salts.GetAsync(DateOnly.FromDateTime(occurredAt), ct);
        return new EnrichedVisit
        {
            LinkId = click.LinkId,
            OccurredAt = occurredAt,
            ReferrerHost = ReferrerHost(click.Referrer),
            Agent = Classify(click),
            Country = CountryOf(click),
            VisitorHash = VisitorHash(salt, click.ClientIp, click.UserAgent, click.LinkId),
            Route = click.Route,
        };
    }

    private UserAgentInfo Classify(ClickEvent click) =>
        click.IsHead || click.IsPrefetch || click.UserAgent is not { Length: > 0 and <= MaxCachedAgentLength } agent
            ? UserAgentClassifier.Classify(click.UserAgent, click.IsHead, click.IsPrefetch)
            : _agents.GetOrAdd(agent, static a => UserAgentClassifier.Classify(a));

    public static string? ReferrerHost(string? referrer)
    {
        if (referrer is null || !Uri.TryCreate(referrer, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return null;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        return host.Length > 255 ? host[..255] : host;
    }

    /// <summary>SHA-256 of (daily salt, IP, user agent, link): the same person on the same link and day
    /// hashes alike, and nobody can go back from the hash to the IP once the day's salt is gone.</summary>
    public static byte[] VisitorHash(byte[] salt, string? clientIp, string? userAgent, long linkId)
    {
        var text = $"{clientIp}\n{userAgent}\n";
        var buffer = new byte[salt.Length + Encoding.UTF8.GetMaxByteCount(text.Length) + sizeof(long)];
        salt.CopyTo(buffer, 0);
        var length = salt.Length + Encoding.UTF8.GetBytes(text, buffer.AsSpan(salt.Length));
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(length), linkId);
        return SHA256.HashData(buffer.AsSpan(0, length + sizeof(long)));
    }

    private string? CountryOf(ClickEvent click) =>
        countries.Of(click.Country, IPAddress.TryParse(click.ClientIp, out var ip) ? ip : null)?.ToUpperInvariant();
}
