using System.Xml.Linq;
using Hop.Links;

namespace Hop.Tests.Links;

public sealed class QrCodesTests
{
    [Theory]
    [InlineData(null, null, false, QrCodes.DefaultSize)]
    [InlineData("png", "64", false, 64)]
    [InlineData("SVG", "2048", true, 2048)]
    public void Accepts_known_formats_and_sizes_in_range(string? format, string? size, bool svg, int pixels)
    {
        Assert.Empty(QrCodes.Validate(format, size, out var isSvg, out var px));
        Assert.Equal(svg, isSvg);
        Assert.Equal(pixels, px);
    }

    [Theory]
    [InlineData("gif", null, new[] { "format" })]
    [InlineData(null, "63", new[] { "size" })]
    [InlineData(null, "2049", new[] { "size" })]
    [InlineData(null, "-5", new[] { "size" })]
    [InlineData(null, "big", new[] { "size" })]
    [InlineData("jpeg", "1e3", new[] { "format", "size" })]
    public void Lists_every_invalid_parameter(string? format, string? size, string[] fields) =>
        Assert.Equal(fields, QrCodes.Validate(format, size, out _, out _).Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Png_fits_within_the_requested_size()
    {
        var png = QrCodes.RenderPng("https://hop.example/abc1234", 256);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        Assert.InRange(width, 256 / 2, 256);
    }

    [Fact]
    public void Svg_has_the_requested_size()
    {
        var svg = XDocument.Parse(QrCodes.RenderSvg("https://hop.example/abc1234", 300)).Root!;
        Assert.Equal("svg", svg.Name.LocalName);
        Assert.Equal("300", svg.Attribute("width")?.Value);
        Assert.Equal("300", svg.Attribute("height")?.Value);
        Assert.Contains("<svg", svg.ToString(), StringComparison.Ordinal);
    }
}
