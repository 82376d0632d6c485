using System.Net;
using Hop.Clicks;
using Hop.Clicks.Writing;

namespace Hop.Redirects.Routing;

/// <summary>
/// What rules ask about one visit, each read from the request the first time a rule asks and kept for
/// the next: the classified user agent, the most preferred language, the country, the query and the
/// client address. A stack value: evaluating rules allocates nothing for it.
/// </summary>
internal ref struct VisitorFacts(HttpContext http, DateTime now, RouteChooser chooser)
{
    private UserAgentInfo _agent;
    private bool _agentRead;
    private ReadOnlySpan<char> _language;
    private bool _languageRead;
    private string? _country;
    private bool _countryRead;
    private IPAddress? _address;
    private bool _addressRead;

    public readonly DateTime Now => now;

    public readonly HttpContext Http => http;

    public UserAgentInfo Agent
    {
        get
        {
            if (!_agentRead)
            {
                (_agent, _agentRead) = (chooser.Classify(UserAgent), true);
            }

            return _agent;
        }
    }

    public readonly string? UserAgent => http.Request.Headers.UserAgent is { Count: > 0 } agent ? agent.ToString() : null;

    public ReadOnlySpan<char> PreferredLanguage
    {
        get
        {
            if (!_languageRead)
            {
                var header = http.Request.Headers.AcceptLanguage;
                _language = header.Count == 0 ? [] : AcceptLanguage.Preferred(header.ToString());
                _languageRead = true;
            }

            return _language;
        }
    }

    public string? Country
    {
        get
        {
            if (!_countryRead)
            {
                var countries = chooser.Countries;
                var header = countries.Header is { } name && http.Request.Headers[name] is { Count: > 0 } value ? value.ToString() : null;
                (_country, _countryRead) = (countries.Of(header, Address), true);
            }

            return _country;
        }
    }

    public readonly ReadOnlySpan<char> Query => http.Request.QueryString.Value;

    /// <summary>The client's address, an IPv4-mapped IPv6 one as the IPv4 address it stands for.</summary>
    public IPAddress? Address
    {
        get
        {
            if (!_addressRead)
            {
                var address = http.Connection.RemoteIpAddress;
                (_address, _addressRead) = (address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address, true);
            }

            return _address;
        }
    }
}
