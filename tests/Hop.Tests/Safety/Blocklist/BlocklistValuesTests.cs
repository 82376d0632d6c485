using Hop.Safety.Blocklist;

namespace Hop.Tests.Safety.Blocklist;

public sealed class BlocklistValuesTests
{
    [Theory]
    [InlineData("evil.com", "evil.com")]
    [InlineData("EVIL.Com", "evil.com")]
    [InlineData("evil.com.", "evil.com")]
    [InlineData(" evil.com ", "evil.com")]
    [InlineData("*.evil.com", "evil.com")]
    [InlineData("sub-1.evil.co.uk", "sub-1.evil.co.uk")]
    [InlineData("bücher.de", "xn--bcher-kva.de")]
    [InlineData("BÜCHER.DE.", "xn--bcher-kva.de")]
    [InlineData("xn--bcher-kva.de", "xn--bcher-kva.de")]
    [InlineData("пример.рф", "xn--e1afmkfd.xn--p1ai")]
    public void Domains_are_stored_lower_case_punycode_without_trailing_dot(string text, string expected)
    {
        Assert.Equal(expected, BlocklistValues.NormalizeDomain(text, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("com", "public suffix")]
    [InlineData("co.uk", "public suffix")]
    [InlineData("github.io", "public suffix")]
    [InlineData("localhost", "public suffix")]
    [InlineData("1.2.3.4", "IP address")]
    [InlineData("10.0.0.1.", "IP address")]
    [InlineData("[::1]", "not a valid")]
    [InlineData("evil..com", "not a valid")]
    [InlineData("-evil.com", "not a valid")]
    [InlineData("evil-.com", "not a valid")]
    [InlineData("evil_com.net", "not a valid")]
    [InlineData("ev il.com", "not a valid")]
    [InlineData("", "empty")]
    [InlineData(".", "empty")]
    public void Refuses_what_is_not_a_blockable_domain(string text, string reason)
    {
        Assert.Null(BlocklistValues.NormalizeDomain(text, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_labels_and_names_over_the_dns_limits()
    {
        Assert.Null(BlocklistValues.NormalizeDomain(new string('a', 64) + ".com", out _));
        Assert.NotNull(BlocklistValues.NormalizeDomain(new string('a', 63) + ".com", out _));
        Assert.Null(BlocklistValues.NormalizeDomain(string.Join('.', Enumerable.Repeat("abcdefghi", 26)) + ".com", out _));
    }

    [Fact]
    public void Urls_are_normalized_like_link_targets_and_domains_and_urls_are_told_apart()
    {
        Assert.Equal(("http://bad.example.net/X.exe?a=1", BlocklistKind.Url), BlocklistValues.Normalize("HTTP://Bad.Example.NET/X.exe?a=1", out _));
        Assert.Equal(("https://xn--bcher-kva.de/", BlocklistKind.Url), BlocklistValues.Normalize("https://bücher.de", out _));
        Assert.Equal(("evil.com", BlocklistKind.Domain), BlocklistValues.Normalize("Evil.com", out _));
        Assert.Null(BlocklistValues.Normalize("javascript://x", out var error).Value);
        Assert.NotNull(error);
    }
}
