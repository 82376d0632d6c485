using System.Buffers;
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

    /// <summary>Completes at once but for the first visit of a day, whose salt is read or made first.</summary>
    public ValueTask<EnrichedVisit> EnrichAsync(ClickEvent click, CancellationToken ct)
    {
        var occurredAt = DateTime.SpecifyKind(click.OccurredAt, DateTimeKind.Utc);
        var salt = salts.GetAsync(DateOnly.FromDateTime(occurredAt), ct);
        return salt.IsCompletedSuccessfully
            ? new(Enrich(click, occurredAt, salt.Result))
            : EnrichAfterAsync(click, occurredAt, salt);
    }

    private async ValueTask<EnrichedVisit> EnrichAfterAsync(ClickEvent click, DateTime occurredAt, ValueTask<byte[]> salt) =>
        Enrich(click, occurredAt, await salt);

    private EnrichedVisit Enrich(ClickEvent click, DateTime occurredAt, byte[] salt) => new()
    {
        LinkId = click.LinkId,
        OccurredAt = occurredAt,
        ReferrerHost = ReferrerHost(click.Referrer),
        Agent = Classify(click),
        Country = CountryOf(click),
        VisitorHash = VisitorHash(salt, click.ClientIp, click.UserAgent, click.LinkId),
        Route = click.Route,
    };

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
        var ip = clientIp.AsSpan();
        var agent = userAgent.AsSpan();
        var length = salt.Length + Encoding.UTF8.GetMaxByteCount(ip.Length + agent.Length + 2) + sizeof(long);
        var rented = length > StackBytes ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> buffer = rented is null ? stackalloc byte[StackBytes] : rented;
        try
        {
            salt.CopyTo(buffer);
            var at = salt.Length;
            at += Encoding.UTF8.GetBytes(ip, buffer[at..]);
            buffer[at++] = (byte)'\n';
            at += Encoding.UTF8.GetBytes(agent, buffer[at..]);
            buffer[at++] = (byte)'\n';
            BinaryPrimitives.WriteInt64LittleEndian(buffer[at..], linkId);
            return SHA256.HashData(buffer[..(at + sizeof(long))]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Hashed text up to this many bytes is built on the stack (a user agent of 1,024
    /// characters, the most a click keeps, takes at most 3,072).</summary>
    private const int StackBytes = 4_096;

    private string? CountryOf(ClickEvent click) =>
        countries.Of(click.Country, countries.LooksUpAddresses && IPAddress.TryParse(click.ClientIp, out var ip) ? ip : null)
            ?.ToUpperInvariant();
}
