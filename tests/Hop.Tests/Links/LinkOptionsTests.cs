using System.ComponentModel.DataAnnotations;
using Hop.Links;
using Microsoft.AspNetCore.Http;

namespace Hop.Tests.Links;

public sealed class LinkOptionsTests
{
    [Theory]
    [InlineData("https://hop.example")]
    [InlineData("http://hop.example:8080/go/")]
    public void A_public_base_url_is_an_absolute_http_url(string url) => Assert.Empty(Validate(url));

    [Theory]
    [InlineData("hop.example")]
    [InlineData("ftp://hop.example")]
    [InlineData("https://hop.example/?a=1")]
    [InlineData("https://hop.example/#top")]
    [InlineData("https://me:pw@hop.example")]
    public void Anything_else_is_refused_at_start_up(string url) =>
        Assert.Contains("Links:PublicBaseUrl", Assert.Single(Validate(url)).ErrorMessage, StringComparison.Ordinal);

    [Fact]
    public void Short_urls_and_invites_start_at_the_configured_base_or_else_at_the_request()
    {
        var request = new DefaultHttpContext().Request;
        request.Scheme = "http";
        request.Host = new HostString("localhost:8080");

        Assert.Equal("http://localhost:8080/abc", new LinkOptions().ShortUrl(request, "abc"));
        Assert.Equal("https://hop.example/go/abc", new LinkOptions { PublicBaseUrl = new Uri("https://hop.example/go/") }.ShortUrl(request, "abc"));
    }

    private static List<ValidationResult> Validate(string url)
    {
        var options = new LinkOptions { PublicBaseUrl = new Uri(url, UriKind.RelativeOrAbsolute) };
        return [.. options.Validate(new ValidationContext(options))];
    }
}
