using System.Net;
using MaxMind.GeoIP2;
using Microsoft.Extensions.Options;

namespace Hop.Clicks;

/// <summary>
/// A visitor's country as Hop determines it everywhere (the analytics and redirect rules alike): the
/// <see cref="ClickOptions.CountryHeader"/> a proxy sets when it is a country code, else GeoIP when
/// <see cref="ClickOptions.GeoIpDatabase"/> is configured, else unknown.
/// </summary>
internal sealed class VisitorCountries(IOptions<ClickOptions> options) : IDisposable
{
    private readonly DatabaseReader? _geoIp = options.Value.GeoIpDatabase is { Length: > 0 } path
        ? new DatabaseReader(path)
        : null;

    /// <summary>The header the country comes in, or null when none is configured.</summary>
    public string? Header { get; } = options.Value.CountryHeader is { Length: > 0 } header ? header : null;

    /// <summary>Whether <see cref="Of"/> looks the IP address up, so that a caller parses it only then.</summary>
    public bool LooksUpAddresses => _geoIp is not null;

    /// <summary>
    /// The header's code as it came (any case), or GeoIP's; null when neither knows. A header value
    /// allocates nothing; a GeoIP lookup does.
    /// </summary>
    public string? Of(string? header, IPAddress? ip)
    {
        if (IsCountryCode(header))
        {
            return header;
        }

        if (_geoIp is not null && ip is not null && _geoIp.TryCountry(ip, out var response) && IsCountryCode(response?.Country.IsoCode))
        {
            return response!.Country.IsoCode;
        }

        return null;
    }

    /// <summary>Two letters; Cloudflare's XX (unknown) and T1 (Tor) are not countries.</summary>
    public static bool IsCountryCode(string? code) =>
        code is { Length: 2 } && char.IsAsciiLetter(code[0]) && char.IsAsciiLetter(code[1])
        && !code.Equals("XX", StringComparison.OrdinalIgnoreCase);

    public void Dispose() => _geoIp?.Dispose();
}
