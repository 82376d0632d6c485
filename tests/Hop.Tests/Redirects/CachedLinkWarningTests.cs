using System.Text.Json;
using Hop.Hosting;
using Hop.Links;
using Hop.Pages.Redirects;
using Hop.Redirects;

namespace Hop.Tests.Redirects;

public sealed class CachedLinkWarningTests
{
    private static Link LinkTo(string url) => new() { Code = "abc", TargetUrl = url };

    [Fact]
    public void An_ordinary_link_stays_on_the_fast_path()
    {
        var cached = CachedLink.From(LinkTo("https://example.com/"));
        Assert.Equal(CachedLinkFlags.None, cached.Flags & CachedLinkFlags.OffFastPath);
        Assert.False(cached.HasWarning);
        Assert.Null(cached.Warning);
    }

    [Fact]
    public void A_warning_is_a_flag_and_its_text_and_both_survive_redis()
    {
        var link = LinkTo("https://example.com/");
        link.Warning = "several visitors reported this link";
        var cached = CachedLink.From(link);
        Assert.True(cached.HasWarning);
        Assert.NotEqual(CachedLinkFlags.None, cached.Flags & CachedLinkFlags.OffFastPath);

        var json = JsonSerializer.SerializeToUtf8Bytes(cached, HopJsonContext.Default.CachedLink);
        var read = JsonSerializer.Deserialize(json, HopJsonContext.Default.CachedLink)!;
        Assert.True(read.HasWarning);
        Assert.Equal("several visitors reported this link", read.Warning);

        var plain = JsonSerializer.Serialize(CachedLink.From(LinkTo("https://example.com/")), HopJsonContext.Default.CachedLink);
        Assert.DoesNotContain("\"warning\"", plain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("example.com", null)]
    [InlineData("xn--mnchen-3ya.de", "münchen.de")]
    [InlineData("xn--80ak6aa92e.com", "аррӏе.com")]
    [InlineData("xn--zz.com", null)]
    public void The_unicode_form_is_shown_only_when_it_differs(string host, string? unicode) =>
        Assert.Equal(unicode, VisitorPages.UnicodeOf(host));
}
