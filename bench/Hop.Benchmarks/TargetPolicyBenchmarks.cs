using BenchmarkDotNet.Attributes;
using Hop.Links;
using Hop.Safety;
using Hop.Safety.Targets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hop.Benchmarks;

/// <summary>
/// <see cref="TargetPolicy.Check"/>, what every create, batch item, import row and target edit runs, built
/// as the app builds it (default options, a public base URL, the blocklist index holding 1,000,000 domains,
/// so the figure includes the walk up the host's parent domains). The baseline is <see cref="Uri.TryCreate(string, UriKind, out Uri)"/>
/// on the same text: what parsing alone costs in .NET, without any of the policy.
/// </summary>
[MemoryDiagnoser]
public class TargetPolicyBenchmarks
{
    private static readonly Dictionary<string, string> Targets = new(StringComparer.Ordinal)
    {
        ["https-path-query"] = "https://www.example-shop.com/products/item-42?id=12345&ref=newsletter&utm_source=mail",
        ["idn"] = "https://bücher-händler.de/katalog/krimis?seite=2",
        ["ipv4"] = "http://93.184.216.34/index.html",
        ["hostile-dword"] = "http://2852039166/latest/meta-data/iam/security-credentials/",
    };

    private TargetPolicy _policy = null!;
    private string _text = null!;

    [Params("https-path-query", "idn", "ipv4", "hostile-dword")]
    public string Target { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var safety = Options.Create(new SafetyOptions());
        var links = Options.Create(new LinkOptions { PublicBaseUrl = new Uri("https://hop.example.net") });
        var resolver = new DnsHostResolver(safety, NullLogger<DnsHostResolver>.Instance);
        _policy = new TargetPolicy(safety, new Hop.Domains.DomainTable(links), BlocklistMatchBenchmarks.Build(BlocklistMatchBenchmarks.Domains), resolver);
        _text = Targets[Target];

        // The hostile target must be refused and the others accepted, or the figures measure the wrong path.
        var verdict = _policy.Check(_text);
        if (verdict.Accepted == (Target == "hostile-dword"))
        {
            throw new InvalidOperationException($"{Target}: unexpected verdict {verdict.Problem} ({verdict.Reason})");
        }
    }

    [Benchmark(Baseline = true)]
    public Uri? UriTryCreate() => Uri.TryCreate(_text, UriKind.Absolute, out var uri) ? uri : null;

    [Benchmark]
    public bool Check() => _policy.Check(_text).Accepted;
}
