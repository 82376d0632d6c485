using System.Text.Json;
using Hop.Accounts;
using Hop.Hosting;
using Hop.Links;
using Hop.Safety.Targets;
using Hop.Tests.Safety;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Hop.Tests.Links;

/// <summary>Rules, variants and the preview through the one rule table: every fault under its own path, values stored canonical.</summary>
public sealed class RoutingRulesTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Caller Owner = new(1, false, new HashSet<string>());
    private static readonly PasswordHashing Passwords = new(Options.Create(new PasswordHasherOptions { IterationCount = 1 }));
    private static readonly TargetPolicy Targets = TestTargets.Policy();
    private static readonly Hop.Domains.DomainTable Domains = TestTargets.Domains();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Link NewLink() => new() { Code = "", TargetUrl = "", CreatedAt = Now, UpdatedAt = Now };

    private static async Task<(bool Passed, LinkEdit Edit)> CreateAsync(string json)
    {
        var request = JsonSerializer.Deserialize(json, HopJsonContext.Default.CreateLinkRequest)!;
        var edit = new LinkEdit(NewLink(), Owner, Now, Passwords, Targets) { Domains = Domains };
        return (await LinkRules.CreateAsync(request, edit, Ct), edit);
    }

    private static async Task<(bool Passed, LinkEdit Edit)> PatchAsync(Link link, string json)
    {
        var edit = new LinkEdit(link, Owner, Now, Passwords, Targets) { Domains = Domains };
        using var patch = JsonDocument.Parse(json);
        return (await LinkRules.PatchAsync(patch.RootElement, edit, Ct), edit);
    }

    [Fact]
    public async Task Every_bad_rule_variant_and_preview_member_is_reported_at_once_under_its_own_path()
    {
        var (passed, edit) = await CreateAsync("""
            {"url": "https://example.com/",
             "rules": [
               {"conditions": {"device": ["phone"], "os": ["ios", "symbian"]}, "url": "https://ok.example.com/"},
               {"conditions": {"country": ["DEU"]}, "url": "javascript:alert(1)"},
               {"conditions": {}, "url": "https://ok.example.com/"},
               {"conditions": {"language": ["not a tag"], "ip": ["10.0.0.0/33"], "after": "2027-01-01T00:00:00Z", "before": "2026-01-01T00:00:00Z"}},
               {"conditions": {"browser": ["netscape"], "query": {"": "x"}}, "url": "https://ok.example.com/"}
             ],
             "variants": [{"url": "https://a.example.com/", "weight": 70}, {"url": "https://b.example.com/", "weight": 0}],
             "preview": {"title": "", "image": "ftp://cdn.example.com/card.png"}}
            """);

        Assert.False(passed);
        Assert.Equal(
            new[]
            {
                "preview.image", "preview.title", "rules[0].conditions.device", "rules[0].conditions.os", "rules[1].conditions.country",
                "rules[1].url", "rules[2].conditions", "rules[3].conditions.before", "rules[3].conditions.ip", "rules[3].conditions.language",
                "rules[3].url", "rules[4].conditions.browser", "rules[4].conditions.query.", "variants[1].weight",
            },
            edit.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("mobile", edit.Errors["rules[0].conditions.device"][0], StringComparison.Ordinal);
        Assert.Contains("'symbian'", edit.Errors["rules[0].conditions.os"][0], StringComparison.Ordinal);
        Assert.Contains("ISO 3166", edit.Errors["rules[1].conditions.country"][0], StringComparison.Ordinal);
        Assert.StartsWith("rules[1].url ", edit.Errors["rules[1].url"][0], StringComparison.Ordinal);
        Assert.Contains("at least one condition", edit.Errors["rules[2].conditions"][0], StringComparison.Ordinal);
        Assert.Contains("later than", edit.Errors["rules[3].conditions.before"][0], StringComparison.Ordinal);
        Assert.Equal("rules[3].url is required.", edit.Errors["rules[3].url"][0]);
        Assert.Contains("1 to 99", edit.Errors["variants[1].weight"][0], StringComparison.Ordinal);
        Assert.Null(edit.Link.Rules);
        Assert.Null(edit.Link.Variants);
    }

    [Theory]
    [InlineData("""[{"url": "https://a.example.com/", "weight": 70}, {"url": "https://b.example.com/", "weight": 20}]""", "variants", "sum to 100, but they sum to 90")]
    [InlineData("""[{"url": "https://a.example.com/", "weight": 100}]""", "variants", "2 to 10 variants")]
    [InlineData("""[{"url": "https://a.example.com/", "weight": 50}, {"weight": 50}]""", "variants[1].url", "is required")]
    [InlineData("""[{"url": "https://a.example.com/", "weight": 50}, {"url": "http://127.0.0.1/", "weight": 50}]""", "variants[1].url", "loopback")]
    public async Task A_split_needs_two_to_ten_safe_variants_whose_weights_sum_to_100(string variants, string key, string reason)
    {
        var (passed, edit) = await CreateAsync($$"""{"url": "https://example.com/", "variants": {{variants}}}""");
        Assert.False(passed);
        Assert.Contains(reason, Assert.Single(edit.Errors, e => e.Key == key).Value[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_are_stored_canonical()
    {
        var (passed, edit) = await CreateAsync("""
            {"url": "https://example.com/",
             "rules": [{"conditions": {"device": ["Mobile", "mobile"], "os": ["iOS"], "browser": ["Samsung Internet"],
                                       "language": ["DE", "fr-ch", "zh-hant-tw"], "country": ["at"], "query": {"beta": null},
                                       "after": "2026-12-01T01:00:00+01:00", "ip": ["203.0.113.7/24", "2001:DB8::/32"]},
                        "url": "HTTPS://Apps.Example.COM/x"}],
             "variants": [{"url": "https://a.example.com/", "weight": 70}, {"url": "https://b.example.com/", "weight": 30}],
             "preview": {"title": "Our launch"}}
            """);

        Assert.True(passed, string.Join("; ", edit.Errors.Select(e => $"{e.Key}: {e.Value[0]}")));
        var rule = Assert.Single(edit.Link.Rules!);
        var c = rule.Conditions!;
        Assert.Equal(["mobile"], c.Device!);
        Assert.Equal(["ios"], c.Os!);
        Assert.Equal(["samsung internet"], c.Browser!);
        Assert.Equal(["de", "fr-CH", "zh-Hant-TW"], c.Language!);
        Assert.Equal(["AT"], c.Country!);
        Assert.Equal(["203.0.113.0/24", "2001:db8::/32"], c.Ip!);
        Assert.Equal(TimeSpan.Zero, c.After!.Value.Offset);
        Assert.Equal("https://apps.example.com/x", rule.Url);
        Assert.True(c.Query!.ContainsKey("beta"));
        Assert.Null(c.Query["beta"]);
        Assert.Equal([70, 30], edit.Link.Variants!.Select(v => v.Weight!.Value));
        Assert.Equal("Our launch", edit.Link.PreviewTitle);
        Assert.Null(edit.Link.PreviewImage);
    }

    [Fact]
    public async Task Limits_are_refused_with_what_is_allowed()
    {
        var rules = string.Join(',', Enumerable.Repeat("""{"conditions": {"os": ["ios"]}, "url": "https://a.example.com/"}""", 21));
        var (passed, edit) = await CreateAsync($$"""{"url": "https://example.com/", "rules": [{{rules}}]}""");
        Assert.False(passed);
        Assert.Contains("at most 20 rules", edit.Errors["rules"][0], StringComparison.Ordinal);

        var countries = string.Join(',', Enumerable.Range(0, 21).Select(i => $"\"{(char)('A' + i)}A\""));
        (passed, edit) = await CreateAsync($$"""{"url": "https://example.com/", "rules": [{"conditions": {"country": [{{countries}}]}, "url": "https://a.example.com/"}]}""");
        Assert.False(passed);
        Assert.Contains("1 to 20 values", edit.Errors["rules[0].conditions.country"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_patch_replaces_rules_and_variants_removes_them_with_null_and_merges_the_preview()
    {
        var (_, created) = await CreateAsync("""
            {"url": "https://example.com/",
             "rules": [{"conditions": {"os": ["ios"]}, "url": "https://a.example.com/"}],
             "variants": [{"url": "https://a.example.com/", "weight": 50}, {"url": "https://b.example.com/", "weight": 50}],
             "preview": {"title": "T", "description": "D", "image": "https://cdn.example.com/i.png"}}
            """);
        var link = created.Link;

        var (passed, _) = await PatchAsync(link, """{"rules": [{"conditions": {"os": ["android"]}, "url": "https://c.example.com/"}], "preview": {"title": "New", "image": null}}""");
        Assert.True(passed);
        Assert.Equal("android", Assert.Single(Assert.Single(link.Rules!).Conditions!.Os!));
        Assert.Equal(("New", "D", (string?)null), (link.PreviewTitle, link.PreviewDescription, link.PreviewImage));
        Assert.Equal(2, link.Variants!.Count);

        (passed, _) = await PatchAsync(link, """{"rules": [], "variants": null, "preview": null}""");
        Assert.True(passed);
        Assert.Null(link.Rules);
        Assert.Null(link.Variants);
        Assert.Null(link.Preview);

        (passed, var refused) = await PatchAsync(link, """{"rules": {"os": "ios"}, "variants": 3, "preview": {"colour": "red"}}""");
        Assert.False(passed);
        Assert.Equal(["preview.colour", "rules", "variants"], refused.Errors.Keys.Order(StringComparer.Ordinal));
    }
}
