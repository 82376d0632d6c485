using System.ComponentModel.DataAnnotations;
using System.Net;
using Hop.Safety;
using Hop.Safety.Targets;

namespace Hop.Tests.Safety;

/// <summary>The settings of the target policy, its warnings and the DNS check of Safety:ResolveHosts.</summary>
public sealed class TargetPolicyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("https://аррӏе.com/", "Cyrillic letters that look like Latin ones (it reads as apple)")]
    [InlineData("https://pаypal.com/", "mixes alphabets (Latin and Cyrillic)")]
    [InlineData("https://gοogle.com/", "mixes alphabets (Latin and Greek)")]
    [InlineData("https://xn--80ak6aa92e.com/", "reads as apple")]
    [InlineData("https://ехаmple.com/", "mixes alphabets")]
    [InlineData("https://www.сорок.рф/", "reads as copok")]
    [InlineData("https://aαβγ.gr/", "mixes alphabets (Latin and Greek)")]
    public void A_look_alike_name_is_accepted_with_a_warning(string url, string warning)
    {
        var verdict = TestTargets.Policy().Check(url);
        Assert.True(verdict.Accepted, verdict.Reason);
        Assert.Contains(warning, verdict.Warning);
        Assert.StartsWith("https://xn--", verdict.Url.Replace("www.", "", StringComparison.Ordinal));
        Assert.Contains("a common trick to imitate another site", verdict.Warning);
    }

    [Theory]
    [InlineData("https://пример.рф/")]
    [InlineData("https://bücher.de/")]
    [InlineData("https://東京ディズニーランド.jp/")]
    [InlineData("https://ドメイン名example.jp/")]
    [InlineData("https://中文abc.中国/")]
    [InlineData("https://한국어abc.kr/")]
    [InlineData("https://παράδειγμα.gr/")]
    [InlineData("https://example.com/")]
    public void A_name_in_one_script_or_a_usual_mix_has_no_warning(string url)
    {
        var verdict = TestTargets.Policy().Check(url);
        Assert.True(verdict.Accepted, verdict.Reason);
        Assert.Null(verdict.Warning);
    }

    [Fact]
    public void The_host_keeps_its_unicode_form_for_people()
    {
        var verdict = TestTargets.Policy().Check("https://Пример.РФ/x");
        Assert.Equal(("xn--e1afmkfd.xn--p1ai", "пример.рф"), (verdict.Host!.Name, verdict.Host.Unicode));
        Assert.Equal("https://xn--e1afmkfd.xn--p1ai/x", verdict.Url);
    }

    [Fact]
    public void Shorteners_are_refused_unless_allowed_and_the_list_is_a_setting()
    {
        Assert.Equal(TargetProblem.Shortener, TestTargets.Policy().Check("https://bit.ly/x").Problem);
        Assert.True(TestTargets.Policy(new SafetyOptions { AllowShorteners = true }).Check("https://bit.ly/x").Accepted);
        var own = TestTargets.Policy(new SafetyOptions { Shorteners = ["short.example.org"] });
        Assert.True(own.Check("https://bit.ly/x").Accepted);
        Assert.Equal(TargetProblem.Shortener, own.Check("https://a.SHORT.example.org./x").Problem);
    }

    [Fact]
    public void Own_hosts_are_the_configured_domains_in_any_spelling()
    {
        var domains = TestTargets.Domains("https://Hop.Example.net:8443/go/");
        var policy = new TargetPolicy(
            Microsoft.Extensions.Options.Options.Create(new SafetyOptions()), domains, new Hop.Safety.Blocklist.BlocklistIndex(), new TestResolver());
        foreach (var url in new[] { "https://hop.example.net/a", "https://WWW.HOP.EXAMPLE.NET./a", "http://hop.example.net:80/a" })
        {
            Assert.Equal(TargetProblem.OwnHost, policy.Check(url).Problem);
        }

        Assert.True(policy.Check("https://example.net/a").Accepted);
        Assert.True(policy.Check("https://go.example.org/a").Accepted);
        Assert.True(TestTargets.Policy(publicBase: null).Check("https://hop.example.net/a").Accepted);

        // Live: a domain added to the table is one of Hop's own at once.
        domains.Replace([domains.Default, TestTargets.Domains(null, "go.example.org").All[1]]);
        Assert.Equal(TargetProblem.OwnHost, policy.Check("https://go.example.org/a").Problem);
        Assert.Equal(TargetProblem.OwnHost, policy.Check("https://www.GO.example.org./a").Problem);
    }

    [Fact]
    public void Lone_surrogates_are_refused()
    {
        var policy = TestTargets.Policy();
        Assert.Equal(TargetProblem.Characters, policy.Check("https://example.com/\uD800").Problem);
        Assert.Equal(TargetProblem.Characters, policy.Check("https://example.com/\uDC00x").Problem);
        Assert.Equal(TargetProblem.Characters, policy.Check("https://ex\uD800ample.com/").Problem);
    }

    [Fact]
    public void The_length_limit_is_a_setting_measured_on_the_normalized_url()
    {
        var policy = TestTargets.Policy(new SafetyOptions { MaxUrlLength = 100 });
        Assert.True(policy.Check("https://example.com/" + new string('a', 80)).Accepted);
        var refused = policy.Check("https://example.com/" + new string('a', 81));
        Assert.Equal((TargetProblem.TooLong, "must be at most 100 characters."), (refused.Problem, refused.Reason));

        // 20 characters typed, 120 once encoded.
        Assert.Equal(TargetProblem.TooLong, policy.Check("https://example.com/" + new string('ü', 20)).Problem);
        Assert.Equal(TargetProblem.TooLong, TestTargets.Policy().Check("https://example.com/" + new string('a', 2029)).Problem);
        Assert.True(TestTargets.Policy().Check("https://example.com/" + new string('a', 2028)).Accepted);
    }

    [Theory]
    [InlineData(31, true)]
    [InlineData(8193, true)]
    [InlineData(8192, false)]
    [InlineData(2048, false)]
    public void Max_url_length_is_validated(int length, bool invalid)
    {
        var options = new SafetyOptions { MaxUrlLength = length };
        Assert.Equal(invalid, options.Validate(new ValidationContext(options)).Any());
    }

    [Fact]
    public void Shorteners_must_be_hosts()
    {
        var options = new SafetyOptions { Shorteners = ["bit.ly", "a@b", "not a host"], ResolveTimeout = TimeSpan.Zero };
        var errors = options.Validate(new ValidationContext(options)).Select(e => e.ErrorMessage).ToList();
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e!.Contains("'not a host'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("'a@b'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("ResolveTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_resolve_hosts_a_name_must_resolve_to_public_addresses_only()
    {
        var resolver = new TestResolver();
        resolver.Names["public.example.com"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("2606:2800:220:1::1")];
        resolver.Names["internal.example.com"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("10.0.0.1")];
        resolver.Names["mapped.example.com"] = [IPAddress.Parse("::ffff:127.0.0.1")];
        resolver.Names["meta.example.com"] = [IPAddress.Parse("169.254.169.254")];
        var policy = TestTargets.Policy(new SafetyOptions { ResolveHosts = true }, resolver);

        var ok = await policy.CheckAsync("https://public.example.com/x", Ct);
        Assert.True(ok.Accepted, ok.Reason);
        Assert.False(ok.MustResolve);

        var internalName = await policy.CheckAsync("https://internal.example.com/x", Ct);
        Assert.Equal(TargetProblem.Resolution, internalName.Problem);
        Assert.Contains("internal.example.com resolves to 10.0.0.1", internalName.Reason, StringComparison.Ordinal);
        Assert.Contains("10.0.0.0/8", internalName.Reason, StringComparison.Ordinal);
        Assert.Contains("resolves to 127.0.0.1", (await policy.CheckAsync("https://mapped.example.com/", Ct)).Reason, StringComparison.Ordinal);
        Assert.Contains("metadata", (await policy.CheckAsync("https://meta.example.com/", Ct)).Reason, StringComparison.Ordinal);
        Assert.Contains("does not", (await policy.CheckAsync("https://unknown.example.com/", Ct)).Reason, StringComparison.Ordinal);

        // An address needs no lookup; without the setting no name is looked up.
        Assert.True((await policy.CheckAsync("http://8.8.8.8/", Ct)).Accepted);
        Assert.True((await TestTargets.Policy(resolver: resolver).CheckAsync("https://unknown.example.com/", Ct)).Accepted);
        Assert.True(TestTargets.Policy(new SafetyOptions { ResolveHosts = true }).Check("https://127.0.0.1.nip.io/").MustResolve);
    }
}
