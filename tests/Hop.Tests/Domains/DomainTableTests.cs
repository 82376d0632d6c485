using System.Collections.Frozen;
using Hop.Domains;
using Hop.Links;
using Hop.Redirects;
using Hop.Tests.Safety;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Hop.Tests.Domains;

public sealed class DomainTableTests
{
    private static DomainTable Table() => TestTargets.Domains("https://hop.example.net", "go.example.org", "xn--bcher-kva.de");

    [Theory]
    [InlineData("go.example.org", 2L)]
    [InlineData("GO.Example.ORG", 2L)]
    [InlineData("go.example.org:8443", 2L)]
    [InlineData("go.example.org.", 2L)]
    [InlineData("go.example.org.:80", 2L)]
    [InlineData("xn--bcher-kva.de", 3L)]
    [InlineData("hop.example.net", 1L)]
    [InlineData("localhost:8080", 1L)]
    [InlineData("127.0.0.1", 1L)]
    [InlineData("[::1]:8080", 1L)]
    public void A_host_header_finds_its_domain_in_any_case_with_or_without_a_port(string header, long id)
    {
        Assert.True(Table().TryFind(header, out var domain));
        Assert.Equal(id, domain.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("evil.example.com")]
    [InlineData("www.go.example.org")]
    [InlineData("org")]
    [InlineData("[2001:db8::1]:443")]
    [InlineData("bücher.de")]
    public void Any_other_host_is_unknown(string header) => Assert.False(Table().TryFind(header, out _));

    [Fact]
    public void Finding_a_domain_from_the_host_header_allocates_nothing()
    {
        var table = Table();
        var request = new DefaultHttpContext().Request;
        request.Headers.Host = "GO.example.org:8443";
        for (var i = 0; i < 100; i++)
        {
            table.TryFind(request, out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var found = 0;
        for (var i = 0; i < 1000; i++)
        {
            found += table.TryFind(request, out _) ? 1 : 0;
        }

        Assert.Equal((0L, 1000), (GC.GetAllocatedBytesForCurrentThread() - before, found));
    }

    [Fact]
    public void Own_hosts_are_the_domains_and_their_www_twins()
    {
        var table = Table();
        Assert.True(table.IsOwn("go.example.org"));
        Assert.True(table.IsOwn("www.go.example.org"));
        Assert.True(table.IsOwn("hop.example.net"));
        Assert.False(table.IsOwn("example.org"));
        Assert.False(table.IsOwn("a.go.example.org"));
    }

    [Fact]
    public void Short_urls_come_from_the_link_s_domain_never_from_an_unknown_host()
    {
        var request = new DefaultHttpContext().Request;
        request.Scheme = "http";
        request.Headers.Host = "evil.example.com";
        var configured = Table();
        Assert.Equal("https://hop.example.net/abc", configured.ShortUrl(1, "abc", request));
        Assert.Equal("https://go.example.org/abc", configured.ShortUrl(2, "abc", request));

        var local = new DomainTable(Options.Create(new LinkOptions()));
        local.Replace([local.Default, new DomainEntry
        {
            Id = 2, Host = "plain.example.org", IsDefault = false, Https = false, Access = DomainAccess.Everyone, Users = FrozenSet<long>.Empty,
        }]);
        Assert.Equal("http://localhost/abc", local.ShortUrl(1, "abc", request));
        Assert.Equal("http://plain.example.org/abc", local.ShortUrl(2, "abc", request));
        request.Headers.Host = "127.0.0.1:8080";
        Assert.Equal("http://127.0.0.1:8080/abc", local.ShortUrl(1, "abc", request));
    }

    [Fact]
    public void Link_keys_round_trip_through_their_text_form()
    {
        var key = new LinkKey(42, "abc-Def");
        Assert.Equal("42:abc-Def", key.ToString());
        Assert.True(LinkKey.TryParse("42:abc-Def", out var parsed));
        Assert.Equal(key, parsed);
        Assert.False(LinkKey.TryParse("abc", out _));
        Assert.False(LinkKey.TryParse(":abc", out _));
    }
}
