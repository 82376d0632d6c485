using CsCheck;
using Hop.Redirects;
using Hop.Safety.Targets;
using Microsoft.AspNetCore.Http;

namespace Hop.Tests.Safety;

/// <summary>
/// The policy on 100,000 URL-like strings a run, put together from hostile fragments (schemes in every
/// spelling, hosts in every notation, user info, controls, invisible and look-alike characters): it never
/// throws; what it accepts is http(s) on a public host with no user info, controls or spaces; and the
/// Location a redirect to it emits (with and without a forwarded visitor query) parses back, with
/// System.Uri as a browser-side reader, to the very host the policy validated.
/// </summary>
public sealed class TargetPropertyTests
{
    private const long Cases = 100_000;

    private static readonly Gen<string> Schemes = Gen.Frequency(
        (3, Gen.OneOf("http://", "https://", "HTTPS://", "hTtP://")),
        (2, Gen.OneOf("http:", "http:/", "http:///", "https:\\\\", "//", "", " https://",
        "javascript:", "JaVaScRiPt:", "java\tscript:", "\u0001javascript:", "data:", "vbscript:", "file://", "ftp://",
        "%68ttp://", "ｈｔｔｐ://", "http\u200B://", "https\n://")));

    private static readonly Gen<string> UserInfo = Gen.Frequency(
        (6, Gen.Const("")),
        (1, Gen.OneOf("user:pw@", "bank.com@", "@", "a%40b@", "bank.com%40", "x\\@", "[::1]@", "127.0.0.1:80@")));

    private static readonly Gen<string> Hosts = Gen.Frequency(
        (1, Gen.OneOf("example.com", "www.example.co.uk", "bücher.de", "пример.рф", "例え.jp", "8.8.8.8", "[2606:4700:4700::1111]",
            "ｅｘａｍｐｌｅ.com", "134744072", "0x08080808", "EXAMPLE.museum.")),
        (2, Gen.OneOf("example.com", "EXAMPLE.COM", "example.com.", "www.example.co.uk", "bücher.de", "пример.рф", "例え.jp", "аррӏе.com",
        "xn--80ak6aa92e.com", "xn--zz.com", "localhost", "LOCALHOST.", "a.localhost", "printer.local", "db.internal",
        "metadata.google.internal", "metadata", "intranet", "example.notatld", "exa_mple.com", "-a.com", "a..com",
        "127.0.0.1", "127.1", "0x7f.1", "0177.0.0.1", "2130706433", "0", "0.0.0.0", "10.1", "192.168.1.1", "169.254.169.254",
        "100.100.100.200", "8.8.8.8", "134744072", "1.2.3.4.5", "256.1.1.1", "１２７．０．０．１", "%31%32%37.0.0.1",
        "127。0。0。1", "exa%0Ample.com", "exa%00mple.com", "%zz.com", "%C3%BC.de", "ex\u00ADample.com", "ex\u200Bample.com",
        "[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[fe80::1%25eth0]", "[fd00:ec2::254]", "[2606:4700:4700::1111]",
        "[2001:db8::1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::]", "[::]", "[1::2::3]", "[", "]", "", "hop.example.net",
        "WWW.HOP.EXAMPLE.NET", "bit.ly", "www.bit.ly", "ⓔxample.com", "ｂｉｔ.ｌｙ", "a\u202Eb.com", "\uFF05\uFF13\uFF11.com")));

    private static readonly Gen<string> Ports = Gen.OneOf("", "", "", ":80", ":443", ":8080", ":0", ":65536", ":", ":8o", ":-1", ":00080", ":１");

    private static readonly Gen<string> Fragments = Gen.Frequency(
        (2, Gen.OneOf("", "/", "/a/b", "?q=1", "#frag", "/p?a=1#f", "/ü?ü#ü", "/%E2%80%AE", "?q=a%0Ab")),
        (1, Gen.OneOf("", "/", "/a/b", "/a b", "/a\\b", "\\", "?q=1", "?q=a%0Ab", "#frag", "/p?a=1#f", "/%00", "/\u0000", "/\r\nX: y",
        "/\u2028", "/ü?ü#ü", "/%E2%80%AE", "/\u202E", "/..%2F..", "/../..", "@evil.example", "%40evil.example", "\t", " ",
        "/\uD800", "/\uFFFD", "?@", "#@x", "//evil.example", "/\u00A0")));

    private static readonly Gen<string> Urls = Gen.Select(Schemes, UserInfo, Hosts, Ports, Fragments, Fragments,
        (scheme, user, host, port, a, b) => scheme + user + host + port + a + b);

    private static readonly Gen<string> Noise = Gen.String[Gen.Char[(char)0, (char)0x3FF], 0, 40];

    private static readonly Gen<string> VisitorQueries = Gen.OneOf("", "?", "?x=1", "?x=a b", "?x=%0D%0Ay", "?\r\nSet-Cookie: a", "?@evil.example", "?#x", "?ü");

    private static readonly TargetPolicy Policy = HostileTargetTests.Policy;

    private long _accepted;
    private long _refused;

    [Fact]
    public void Never_throws_and_accepts_only_public_http_urls_whose_location_keeps_the_host()
    {
        Gen.Frequency((9, Urls), (1, Noise)).Select(VisitorQueries).Sample(Holds, iter: Cases);

        // Both sides of the policy are exercised, not only its refusals.
        Assert.Equal(Cases, _accepted + _refused);
        Assert.True(_accepted > Cases / 100, $"{_accepted} accepted");
        Assert.True(_refused > Cases / 2, $"{_refused} refused");
    }

    private void Holds(string input, string visitorQuery)
    {
        var verdict = Policy.Check(input);
        if (!verdict.Accepted)
        {
            Assert.NotEmpty(verdict.Reason);
            Interlocked.Increment(ref _refused);
            return;
        }

        Interlocked.Increment(ref _accepted);
        var host = verdict.Host!;
        Assert.True(verdict.Url.StartsWith("http://", StringComparison.Ordinal) || verdict.Url.StartsWith("https://", StringComparison.Ordinal), verdict.Url);
        Assert.True(verdict.Url.All(c => c is > ' ' and < '\u007F') && !verdict.Url.Contains('\\'), verdict.Url);
        Assert.Null(host.Address is { } address ? PublicAddresses.Classify(address) : PublicNames.Classify(host.Name));

        foreach (var forward in new[] { false, true })
        {
            var location = Location(verdict.Url, forward, visitorQuery);
            Assert.True(location.All(c => c is > ' ' and < '\u007F'), location);
            var uri = new Uri(location, UriKind.Absolute);
            Assert.Equal(host.Name, TargetUrl.UriHost(uri));
            Assert.Empty(uri.UserInfo);
            Assert.Contains(uri.Scheme, new[] { "http", "https" });

            // The Location read again by the policy is the same target on the same host.
            var again = Policy.Check(location);
            Assert.True(again.Accepted, $"{location}: {again.Reason}");
            Assert.Equal(host.Name, again.Host!.Name);
        }
    }

    /// <summary>What the redirect handler writes, through its own code (<see cref="LinkRedirect.Redirect"/>).</summary>
    private static string Location(string target, bool forwardQuery, string visitorQuery)
    {
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString(visitorQuery.Length == 0 ? null : visitorQuery.StartsWith('?') ? visitorQuery : "?" + visitorQuery);
        var link = new CachedLink
        {
            Id = 1,
            Target = target,
            Status = StatusCodes.Status302Found,
            Flags = forwardQuery ? CachedLinkFlags.ForwardQuery : CachedLinkFlags.None,
        };
        LinkRedirect.Redirect(http, link, StatusCodes.Status302Found, "no-store");
        return http.Response.Headers.Location.ToString();
    }
}
