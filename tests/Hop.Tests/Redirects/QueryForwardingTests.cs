using Hop.Redirects;

namespace Hop.Tests.Redirects;

public sealed class QueryForwardingTests
{
    [Theory]
    [InlineData("https://x/p?a=1#f", "?b=2", "https://x/p?a=1&b=2#f")]
    [InlineData("https://x/p", "?b=2", "https://x/p?b=2")]
    [InlineData("https://x/p#f", "?b=2&c=3", "https://x/p?b=2&c=3#f")]
    [InlineData("https://x/p?", "?b=2", "https://x/p?b=2")]
    [InlineData("https://x/p?a=1&", "?b=2", "https://x/p?a=1&b=2")]
    [InlineData("https://x/p?a=1", "b=2", "https://x/p?a=1&b=2")]
    [InlineData("https://x/p?a=1", "?a=2", "https://x/p?a=1&a=2")]
    [InlineData("https://x/p?a=1#f?g", "?b=2", "https://x/p?a=1&b=2#f?g")]
    [InlineData("https://x/p?a=1", "?&&b=2&", "https://x/p?a=1&b=2")]
    [InlineData("https://x/p?a=1#f", "", "https://x/p?a=1#f")]
    [InlineData("https://x/p?a=1#f", "?", "https://x/p?a=1#f")]
    [InlineData("https://x/p?a=1#f", null, "https://x/p?a=1#f")]
    public void Appends_the_visitors_query_before_the_fragment(string target, string? query, string expected) =>
        Assert.Equal(expected, QueryForwarding.Merge(target, query));

    [Theory]
    [InlineData("?q=a%20b&r=%2F", "?q=a%20b&r=%2F")]
    [InlineData("?q=a+b", "?q=a+b")]
    [InlineData("?q=a b", "?q=a%20b")]
    [InlineData("?q=1#2", "?q=1%232")]
    [InlineData("?q=100%", "?q=100%25")]
    [InlineData("?q=%zz", "?q=%25zz")]
    [InlineData("?q=\"<x>\"", "?q=%22%3Cx%3E%22")]
    [InlineData("?q=é", "?q=%C3%A9")]
    [InlineData("?q=😀", "?q=%F0%9F%98%80")]
    [InlineData("?q=\r\nSet-Cookie:x", "?q=%0D%0ASet-Cookie:x")]
    [InlineData("?path=/a/b?c&k=v;w", "?path=/a/b?c&k=v;w")]
    public void Keeps_valid_escapes_and_encodes_what_a_query_may_not_hold(string query, string expectedQuery) =>
        Assert.Equal("https://x/p" + expectedQuery, QueryForwarding.Merge("https://x/p", query));

    [Fact]
    public void A_lone_surrogate_becomes_the_replacement_character() =>
        Assert.Equal("https://x/p?q=%EF%BF%BDx", QueryForwarding.Merge("https://x/p", "?q=\ud800x"));

    [Fact]
    public void The_result_is_a_well_formed_absolute_uri()
    {
        var merged = QueryForwarding.Merge("https://example.com/p?a=1#frag", "?b=x y&c=ü&d=%2F");
        Assert.True(Uri.TryCreate(merged, UriKind.Absolute, out var uri), merged);
        Assert.Equal(merged, uri.AbsoluteUri);
        Assert.Equal("?a=1&b=x%20y&c=%C3%BC&d=%2F", uri.Query);
        Assert.Equal("#frag", uri.Fragment);
    }
}
