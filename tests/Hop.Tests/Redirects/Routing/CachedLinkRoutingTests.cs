using System.Text.Json;
using Hop.Hosting;
using Hop.Links;
using Hop.Redirects;

namespace Hop.Tests.Redirects.Routing;

public sealed class CachedLinkRoutingTests
{
    [Fact]
    public void Rules_variants_and_preview_survive_redis_and_compile_alike()
    {
        var cached = CachedLink.From(new Link
        {
            Id = 3,
            Code = "r",
            TargetUrl = "https://example.com/",
            Rules =
            [
                new() { Conditions = new() { Query = new Dictionary<string, string?> { ["beta"] = null, ["a"] = "1" }, Ip = ["2001:db8::/32"] }, Url = "https://beta.example.com/" },
                new() { Conditions = new() { After = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero) }, Url = "https://later.example.com/" },
            ],
            Variants = [new() { Url = "https://a.example.com/", Weight = 25 }, new() { Url = "https://b.example.com/", Weight = 75 }],
            PreviewTitle = "Card",
        });

        var read = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(cached, HopJsonContext.Default.CachedLink), HopJsonContext.Default.CachedLink)!;

        Assert.True(read.IsRouted);
        Assert.Equal(CachedLinkFlags.Routed, read.Flags & CachedLinkFlags.OffFastPath);
        var rule = read.Routing.Rules[0];
        Assert.Equal([("beta", (string?)null), ("a", "1")], rule.Query!);
        Assert.Equal("2001:db8::/32", Assert.Single(rule.Networks!).ToString());
        Assert.Equal(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), read.Routing.Rules[1].After);
        Assert.Equal([25, 100], read.Routing.CumulativeWeights);
        Assert.Equal(0, read.Routing.VariantOf(24));
        Assert.Equal(1, read.Routing.VariantOf(25));
        Assert.Equal("Card", read.Routing.Preview!.Title);
        Assert.Same(read.Routing, read.Routing);
    }

    [Fact]
    public void A_plain_link_carries_nothing_of_routing()
    {
        var plain = CachedLink.From(new Link { Id = 4, Code = "p", TargetUrl = "https://example.com/" });
        Assert.False(plain.IsRouted);
        var json = JsonSerializer.Serialize(plain, HopJsonContext.Default.CachedLink);
        Assert.DoesNotContain("rules", json, StringComparison.Ordinal);
        Assert.DoesNotContain("variants", json, StringComparison.Ordinal);
        Assert.DoesNotContain("preview", json, StringComparison.Ordinal);
        Assert.DoesNotContain("routing", json, StringComparison.OrdinalIgnoreCase);
    }
}
