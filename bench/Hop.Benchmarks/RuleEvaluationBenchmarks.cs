using System.Net;
using BenchmarkDotNet.Attributes;
using Hop.Clicks;
using Hop.Clicks.Writing;
using Hop.Links;
using Hop.Links.Routing;
using Hop.Observability;
using Hop.Redirects;
using Hop.Redirects.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hop.Benchmarks;

/// <summary>
/// Choosing a destination for a link with five rules (device, os, language, country, query and ip mixed)
/// and two variants, for an iPhone, an Android phone and a desktop browser, against a plain link; and
/// the whole handler on an L1 hit for both. The allocated bytes are the budget recorded in the README.
/// </summary>
[MemoryDiagnoser]
public class RuleEvaluationBenchmarks
{
    public const string IPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    public const string Android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36";
    public const string Desktop = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

    private RouteChooser _routes = null!;
    private RedirectHandler _handler = null!;
    private CachedLink _routed = null!;
    private CachedLink _plain = null!;
    private DefaultHttpContext _iphone = null!;
    private DefaultHttpContext _android = null!;
    private DefaultHttpContext _desktop = null!;
    private DefaultHttpContext _routedHit = null!;
    private DefaultHttpContext _plainHit = null!;

    /// <summary>Five rules and two variants, as bench/redirect.sh's rules mode creates them.</summary>
    internal static Link RoutedLink(long id, string code, string target) => new()
    {
        Id = id,
        Code = code,
        TargetUrl = target,
        Rules =
        [
            new() { Conditions = new() { Query = new Dictionary<string, string?> { ["beta"] = null } }, Url = "https://beta.example/" },
            new() { Conditions = new() { Ip = ["203.0.113.0/24", "2001:db8::/32"] }, Url = "https://office.example/" },
            new() { Conditions = new() { Country = ["DE", "AT", "CH"], Language = ["de"] }, Url = "https://example.de/" },
            new() { Conditions = new() { Device = ["mobile", "tablet"], Os = ["ios"] }, Url = "https://apps.apple.com/app/id1" },
            new() { Conditions = new() { Os = ["android"], Language = ["fr", "fr-CH"] }, Url = "https://play.google.com/store/apps/details?id=fr" },
        ],
        Variants = [new() { Url = "https://a.example/", Weight = 70 }, new() { Url = "https://b.example/", Weight = 30 }],
    };

    [GlobalSetup]
    public void Setup()
    {
        var metrics = new HopMetrics();
        var clickOptions = Options.Create(new ClickOptions { CountryHeader = "CF-IPCountry" });
        _routes = new RouteChooser(new VisitorCountries(clickOptions), new StickyVariants(new byte[32]), new Hop.Safety.Blocklist.BlocklistIndex());
        var domains = new Hop.Domains.DomainTable(Options.Create(new LinkOptions()));
        var cache = new LinkCache(Options.Create(new CacheOptions()), new UnreachableReader(), domains, TimeProvider.System, metrics, NullLogger<LinkCache>.Instance);
        var clicks = new ClickRecorder(new ClickQueue(clickOptions, metrics), TimeProvider.System, clickOptions);
        _handler = new RedirectHandler(cache, domains, TimeProvider.System, metrics, clicks, _routes,
            new Hop.Hosting.LoadShedding(Options.Create(new Hop.Hosting.LoadSheddingOptions()), metrics), Options.Create(new RedirectOptions()));

        var routed = RoutedLink(1, "rules1", "https://example.com/");
        var plain = new Link { Id = 2, Code = "plain1", TargetUrl = "https://example.com/" };
        cache.Set(routed);
        cache.Set(plain);
        _routed = CachedLink.From(routed);
        _plain = CachedLink.From(plain);

        _iphone = Visit(IPhone, "en-US,en;q=0.9", "US", "?utm_source=x", "198.51.100.7", "rules1");
        _android = Visit(Android, "fr-CH,fr;q=0.9,de;q=0.5", "CH", "", "198.51.100.8", "rules1");
        _desktop = Visit(Desktop, "de-DE,de;q=0.9,en;q=0.8", "FR", "?utm_source=newsletter", "192.0.2.10", "rules1");
        _routedHit = Visit(Desktop, "de-DE,de;q=0.9,en;q=0.8", "FR", "", "192.0.2.10", "rules1");
        _plainHit = Visit(Desktop, "de-DE,de;q=0.9,en;q=0.8", "FR", "", "192.0.2.10", "plain1");
        foreach (var http in new[] { _iphone, _android, _desktop, _routedHit, _plainHit })
        {
            _routes.Choose(http, _routed, DateTime.UtcNow);
            _handler.HandleAsync(http).GetAwaiter().GetResult();
        }
    }

    [Benchmark(Baseline = true)]
    public short PlainLink() => _routes.Choose(_desktop, _plain, DateTime.UtcNow).Route;

    [Benchmark]
    public short RulesIPhone() => _routes.Choose(_iphone, _routed, DateTime.UtcNow).Route;

    [Benchmark]
    public short RulesAndroid() => _routes.Choose(_android, _routed, DateTime.UtcNow).Route;

    [Benchmark]
    public short RulesDesktop() => _routes.Choose(_desktop, _routed, DateTime.UtcNow).Route;

    [Benchmark]
    public Task HandlerPlain() => _handler.HandleAsync(_plainHit);

    [Benchmark]
    public Task HandlerWithRules() => _handler.HandleAsync(_routedHit);

    private static DefaultHttpContext Visit(string agent, string language, string country, string query, string ip, string code)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Get;
        http.Request.RouteValues["code"] = code;
        http.Request.Headers.Host = "localhost";
        http.Request.Headers.UserAgent = agent;
        http.Request.Headers.AcceptLanguage = language;
        http.Request.Headers["CF-IPCountry"] = country;
        http.Request.QueryString = new QueryString(query.Length == 0 ? null : query);
        http.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        return http;
    }

    private sealed class UnreachableReader : LinkReader
    {
        public override ValueTask<CachedLink?> ReadAsync(LinkKey key, CancellationToken ct) =>
            throw new InvalidOperationException("The benchmark only measures hits.");

        public override Task PingAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
