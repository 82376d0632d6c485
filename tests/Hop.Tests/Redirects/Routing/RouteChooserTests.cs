using System.Net;
using Hop.Clicks;
using Hop.Links;
using Hop.Redirects;
using Hop.Redirects.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Hop.Tests.Redirects.Routing;

/// <summary>The decision from a cached link alone: rules in order, then a sticky variant, then the target.</summary>
public sealed class RouteChooserTests
{
    private const string IPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    private const string Android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36";
    private const string Desktop = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly RouteChooser Routes = new(
        new VisitorCountries(Options.Create(new ClickOptions { CountryHeader = "X-Country" })), new StickyVariants(new byte[32]), new Hop.Safety.Blocklist.BlocklistIndex());

    private static readonly CachedLink Routed = CachedLink.From(new Link
    {
        Id = 7,
        Code = "r",
        TargetUrl = "https://example.com/",
        Rules =
        [
            new() { Conditions = new() { Query = new Dictionary<string, string?> { ["beta"] = null, ["utm source"] = "news letter" } }, Url = "https://beta.example.com/" },
            new() { Conditions = new() { Ip = ["203.0.113.0/24", "2001:db8::/32"] }, Url = "https://office.example.com/" },
            new() { Conditions = new() { Country = ["DE", "AT"], Language = ["de"] }, Url = "https://example.de/" },
            new() { Conditions = new() { Device = ["mobile", "tablet"], Os = ["ios"] }, Url = "https://apps.apple.com/" },
            new() { Conditions = new() { Os = ["android"] }, Url = "https://play.google.com/" },
            new() { Conditions = new() { After = new DateTimeOffset(Now.AddHours(1)), Before = new DateTimeOffset(Now.AddHours(2)) }, Url = "https://window.example.com/" },
        ],
        Variants = [new() { Url = "https://a.example.com/", Weight = 70 }, new() { Url = "https://b.example.com/", Weight = 30 }],
    });

    private static DefaultHttpContext Visit(string agent, string ip = "198.51.100.1", string? language = null, string? country = null, string? query = null)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.UserAgent = agent;
        if (language is not null)
        {
            http.Request.Headers.AcceptLanguage = language;
        }

        if (country is not null)
        {
            http.Request.Headers["X-Country"] = country;
        }

        http.Request.QueryString = new QueryString(query);
        http.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        return http;
    }

    [Fact]
    public void Each_visitor_gets_the_first_rule_that_matches()
    {
        Assert.Equal(("https://apps.apple.com/", ClickRoute.Rule(3)), Choose(Visit(IPhone)));
        Assert.Equal(("https://play.google.com/", ClickRoute.Rule(4)), Choose(Visit(Android)));
        Assert.Equal(("https://office.example.com/", ClickRoute.Rule(1)), Choose(Visit(IPhone, "203.0.113.9")));
        Assert.Equal(("https://office.example.com/", ClickRoute.Rule(1)), Choose(Visit(Desktop, "2001:db8::5")));
        Assert.Equal(("https://office.example.com/", ClickRoute.Rule(1)), Choose(Visit(Desktop, "::ffff:203.0.113.9")));
        Assert.Equal(("https://example.de/", ClickRoute.Rule(2)), Choose(Visit(Android, language: "fr;q=0.4, de-AT;q=0.9", country: "at")));
        Assert.Equal(("https://play.google.com/", ClickRoute.Rule(4)), Choose(Visit(Android, language: "de;q=0, en", country: "DE")));
        Assert.Equal(("https://beta.example.com/", ClickRoute.Rule(0)), Choose(Visit(Desktop, query: "?utm+source=news%20letter&beta")));
        Assert.NotEqual(ClickRoute.Rule(0), Choose(Visit(Desktop, query: "?utm_source=news%20letter&beta")).Item2);
        Assert.Equal(("https://window.example.com/", ClickRoute.Rule(5)), Choose(Visit(Desktop), Now.AddMinutes(90)));
        Assert.True(ClickRoute.IsVariant(Choose(Visit(Desktop), Now.AddHours(2)).Item2));
    }

    [Fact]
    public void Without_a_matching_rule_a_visitor_keeps_one_variant_and_the_split_follows_the_weights()
    {
        var counts = new int[2];
        for (var i = 0; i < 10_000; i++)
        {
            var http = Visit($"{Desktop} visitor/{i}", $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}");
            var route = Routes.Choose(http, Routed, Now).Route;
            Assert.True(ClickRoute.IsVariant(route));
            counts[ClickRoute.Number(route) - 1]++;
            Assert.Equal(route, Routes.Choose(http, Routed, Now.AddDays(3)).Route);
        }

        Assert.InRange(counts[0], 6800, 7200);
    }

    [Fact]
    public void A_plain_link_goes_to_its_target_and_a_decision_on_a_warm_agent_allocates_nothing()
    {
        var plain = CachedLink.From(new Link { Id = 8, Code = "p", TargetUrl = "https://example.com/plain" });
        Assert.Equal(("https://example.com/plain", ClickRoute.Target), Choose(Visit(Desktop), link: plain));
        Assert.Equal(CachedLinkFlags.None, plain.Flags & CachedLinkFlags.OffFastPath);
        Assert.True(Routed.IsRouted);

        foreach (var http in new[] { Visit(IPhone), Visit(Android, language: "de-DE", country: "FR"), Visit(Desktop, query: "?x=1") })
        {
            for (var i = 0; i < 3; i++)
            {
                Routes.Choose(http, Routed, Now);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            Routes.Choose(http, Routed, Now);
            Assert.Equal((http.Request.Headers.UserAgent.ToString(), 0L), (http.Request.Headers.UserAgent.ToString(), GC.GetAllocatedBytesForCurrentThread() - before));
        }
    }

    private static (string, short) Choose(HttpContext http, DateTime? now = null, CachedLink? link = null)
    {
        var choice = Routes.Choose(http, link ?? Routed, now ?? Now);
        return (choice.Url, choice.Route);
    }
}
