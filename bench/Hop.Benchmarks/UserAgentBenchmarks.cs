using BenchmarkDotNet.Attributes;
using Hop.Clicks.Writing;

namespace Hop.Benchmarks;

/// <summary>User-agent classification, run by the click consumer for every visit (not on the redirect).</summary>
[MemoryDiagnoser]
public class UserAgentBenchmarks
{
    [Params(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    public string UserAgent { get; set; } = "";

    [Benchmark]
    public int Classify()
    {
        var info = UserAgentClassifier.Classify(UserAgent);
        return (int)info.Class + info.Browser.Length;
    }
}
