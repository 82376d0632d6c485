using BenchmarkDotNet.Attributes;
using Hop.Safety.Blocklist;

namespace Hop.Benchmarks;

/// <summary>
/// <see cref="BlocklistIndex.Match"/> against 1,000,000 domains: a hit on a listed domain's subdomain,
/// a miss, and deep subdomains of each; the baseline is one <see cref="HashSet{T}.Contains"/> of the
/// whole host, the least a lookup can cost. <c>index-memory</c> prints the heap the index takes.
/// </summary>
[MemoryDiagnoser]
public class BlocklistMatchBenchmarks
{
    public const int Domains = 1_000_000;

    private BlocklistIndex _index = null!;
    private HashSet<string> _set = null!;
    private string _hitHost = null!;
    private string _deepHitHost = null!;

    [GlobalSetup]
    public void Setup()
    {
        _index = Build(Domains);
        _set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Domains; i++)
        {
            _set.Add(Domain(i));
        }

        _hitHost = "www." + Domain(123_457);
        _deepHitHost = "a.b.c.d.e.f.g." + Domain(123_457);
    }

    public static string Domain(int i) => $"host{(long)i * 7919 % 10_000_019:D8}.{(i % 3 == 0 ? "com" : i % 3 == 1 ? "net" : "org")}";

    internal static BlocklistIndex Build(int count)
    {
        var index = new BlocklistIndex();
        index.ReplaceAll(Entries(count), count);
        return index;
    }

    private static IEnumerable<(long, string, BlocklistKind, BlocklistAction, string?)> Entries(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return (i + 1, Domain(i), BlocklistKind.Domain, BlocklistAction.Block, "imported");
        }
    }

    [Benchmark(Baseline = true)]
    public bool HashSetContainsHost() => _set.Contains("www.example-shop.com");

    [Benchmark]
    public bool Hit() => _index.Match(_hitHost, "https://www.listed/") is not null;

    [Benchmark]
    public bool Miss() => _index.Match("www.example-shop.com", "https://www.example-shop.com/") is not null;

    [Benchmark]
    public bool DeepSubdomainHit() => _index.Match(_deepHitHost, "https://deep/") is not null;

    [Benchmark]
    public bool DeepSubdomainMiss() => _index.Match("a.b.c.d.e.f.g.cdn.example-shop.co.uk", "https://deep/") is not null;

    /// <summary>The managed heap the index takes, measured with full collections before and after loading.</summary>
    public static int PrintMemory()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = Build(Domains);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"{index.Count:N0} domains: {(after - before) / 1024.0 / 1024.0:F1} MiB managed heap ({(after - before) / (double)index.Count:F0} bytes a domain)");
        GC.KeepAlive(index);
        return 0;
    }
}
