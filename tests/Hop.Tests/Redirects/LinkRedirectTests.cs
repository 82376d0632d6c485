using Hop.Links;
using Hop.Redirects;
using Microsoft.AspNetCore.Http;

namespace Hop.Tests.Redirects;

public sealed class LinkRedirectTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly RedirectOptions Options = new() { PermanentMaxAgeSeconds = 3600 };

    private static Link LinkWith(int status) => new() { Code = "abc", TargetUrl = "https://example.com/", RedirectStatus = status };

    [Theory]
    [InlineData(301, 301)]
    [InlineData(302, 302)]
    [InlineData(307, 307)]
    [InlineData(308, 308)]
    [InlineData(303, 302)]
    [InlineData(200, 302)]
    [InlineData(0, 302)]
    public void Uses_the_links_status_when_it_is_a_redirect_hop_supports(int stored, int expected) =>
        Assert.Equal(expected, LinkRedirect.StatusOf(CachedLink.From(LinkWith(stored))));

    [Theory]
    [InlineData(301, "public, max-age=3600")]
    [InlineData(308, "public, max-age=3600")]
    [InlineData(302, "private, max-age=0")]
    [InlineData(307, "private, max-age=0")]
    public void Only_permanent_redirects_are_publicly_cacheable(int status, string expected) =>
        Assert.Equal(expected, LinkRedirect.CacheControl(CachedLink.From(LinkWith(status)), Options, Now));

    [Fact]
    public void A_permanent_redirect_is_not_cached_past_the_links_expiry()
    {
        var link = LinkWith(301);
        link.ExpiresAt = Now.AddSeconds(90);
        Assert.Equal("public, max-age=90", LinkRedirect.CacheControl(CachedLink.From(link), Options, Now));
    }

    [Fact]
    public void Links_with_a_visit_limit_or_a_password_are_never_cached()
    {
        var limited = LinkWith(308);
        limited.MaxVisits = 10;
        var protectedLink = LinkWith(308);
        protectedLink.PasswordHash = "hash";
        Assert.Equal("private, max-age=0", LinkRedirect.CacheControl(CachedLink.From(limited), Options, Now));
        Assert.Equal("private, max-age=0", LinkRedirect.CacheControl(CachedLink.From(protectedLink), Options, Now));
    }

    [Fact]
    public void A_zero_max_age_turns_caching_off() =>
        Assert.Equal("private, max-age=0", LinkRedirect.CacheControl(CachedLink.From(LinkWith(301)), new RedirectOptions { PermanentMaxAgeSeconds = 0 }, Now));

    [Fact]
    public void Query_is_forwarded_only_when_the_link_asks_for_it()
    {
        var link = LinkWith(302);
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString("?utm=x");
        LinkRedirect.Redirect(http, CachedLink.From(link), 302, "private, max-age=0");
        Assert.Equal("https://example.com/", http.Response.Headers.Location.ToString());

        link.ForwardQuery = true;
        LinkRedirect.Redirect(http, CachedLink.From(link), 302, "private, max-age=0");
        Assert.Equal("https://example.com/?utm=x", http.Response.Headers.Location.ToString());
    }
}
