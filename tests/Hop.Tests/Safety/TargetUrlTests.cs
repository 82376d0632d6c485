using Hop.Safety;

namespace Hop.Tests.Safety;

public sealed class TargetUrlTests
{
    [Theory]
    [InlineData("https://example.com", "https://example.com/")]
    [InlineData("http://example.com/a?b=1#c", "http://example.com/a?b=1#c")]
    [InlineData("HTTPS://EXAMPLE.com/Path", "https://example.com/Path")]
    [InlineData("https://bücher.example/x", "https://xn--bcher-kva.example/x")]
    public void Accepts_and_normalizes_http_urls(string input, string expected)
    {
        Assert.Equal(expected, TargetUrl.Normalize(input, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("", "is required")]
    [InlineData("ftp://example.com/", "http:// or https://")]
    [InlineData("javascript:alert(1)", "http:// or https://")]
    [InlineData("data:text/html,hi", "http:// or https://")]
    [InlineData("/relative/path", "http:// or https://")]
    [InlineData("example.com", "http:// or https://")]
    [InlineData("https:/example.com", "http:// or https://")]
    [InlineData("https://user:pw@example.com/", "user info")]
    [InlineData("https://bank.com@evil.example/", "user info")]
    [InlineData("https://exa mple.com/", "whitespace or control")]
    [InlineData("https://example.com/\n", "whitespace or control")]
    [InlineData("https://example.com/\u0000", "whitespace or control")]
    [InlineData("https://example.com/\u200B", "whitespace or control")]
    public void Refuses_with_a_reason(string? input, string reason)
    {
        Assert.Null(TargetUrl.Normalize(input, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Refuses_urls_over_2048_characters()
    {
        var url = "https://example.com/" + new string('a', 2049 - 20);
        Assert.Equal(2049, url.Length);
        Assert.Null(TargetUrl.Normalize(url, out var error));
        Assert.Contains("2048", error);
        Assert.NotNull(TargetUrl.Normalize(url[..2048], out _));
    }
}
