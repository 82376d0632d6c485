using BenchmarkDotNet.Attributes;
using Hop.Clicks;
using Hop.Clicks.Writing;
using Hop.Links;
using Hop.Observability;
using Hop.Redirects;
using Hop.Redirects.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hop.Benchmarks;

/// <summary>
/// The redirect on an L1 hit: the cache's lookup alone, and the whole handler writing the response to a
/// reused <see cref="DefaultHttpContext"/> (Kestrel and routing excluded). The allocated bytes of
/// <see cref="Handler"/> are the budget recorded in the README.
/// </summary>
[MemoryDiagnoser]
public class RedirectHitBenchmarks
{
    private const int Links = 100_000;
    private ServiceProvider _services = null!;
    private LinkCache _cache = null!;
    private RedirectHandler _handler = null!;
    private string[] _codes = null!;
    private Hop.Domains.DomainTable _domains = null!;
    private DefaultHttpContext[] _contexts = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection().BuildServiceProvider();
        var metrics = new HopMetrics();
        var domains = _domains = new Hop.Domains.DomainTable(Options.Create(new LinkOptions()));
        var cache = _cache = new LinkCache(Options.Create(new CacheOptions { MaxEntries = Links }), new UnreachableReader(), domains,
            TimeProvider.System, metrics, NullLogger<LinkCache>.Instance);
        var clickOptions = Options.Create(new ClickOptions());
        var clicks = new ClickRecorder(new ClickQueue(clickOptions, metrics), TimeProvider.System, clickOptions);
        var routes = new RouteChooser(new VisitorCountries(clickOptions), new StickyVariants(new byte[32]), new Hop.Safety.Blocklist.BlocklistIndex());
        _handler = new RedirectHandler(cache, domains, TimeProvider.System, metrics, clicks, routes,
            new Hop.Hosting.LoadShedding(Options.Create(new Hop.Hosting.LoadSheddingOptions()), metrics), Options.Create(new RedirectOptions()));

        var permutation = new CodePermutation(new byte[32]);
        _codes = new string[Links];
        for (var i = 0; i < Links; i++)
        {
            _codes[i] = ShortCode.Encode(permutation.Permute(i));
            cache.Set(new Link { Id = i, Code = _codes[i], TargetUrl = $"https://example.com/p/{i}" });
        }

        _contexts = new DefaultHttpContext[1024];
        for (var i = 0; i < _contexts.Length; i++)
        {
            var http = new DefaultHttpContext();
            http.Request.Method = HttpMethods.Get;
            http.Request.Host = new HostString("localhost:8080");
            http.Request.RouteValues["code"] = _codes[i * 97 % Links];
            _contexts[i] = http;
        }

        // Fill the response headers once, so each measured call overwrites rather than adds.
        foreach (var http in _contexts)
        {
            _handler.HandleAsync(http).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark]
    public long Cache()
    {
        var pending = _cache.GetOrLoadAsync(new LinkKey(Hop.Domains.Domain.DefaultId, _codes[_next++ & 1023]), CancellationToken.None);
        return pending.IsCompletedSuccessfully ? pending.Result?.Id ?? -1 : -2;
    }

    /// <summary>The domain of a request from its Host header, the step a redirect takes before the cache.</summary>
    [Benchmark]
    public long Domain() => _domains.TryFind(_contexts[_next++ & 1023].Request, out var domain) ? domain.Id : -1;

    [Benchmark]
    public Task Handler() => _handler.HandleAsync(_contexts[_next++ & 1023]);

    private sealed class UnreachableReader : LinkReader
    {
        public override ValueTask<CachedLink?> ReadAsync(LinkKey key, CancellationToken ct) =>
            throw new InvalidOperationException("The benchmark only measures hits.");

        public override Task PingAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
