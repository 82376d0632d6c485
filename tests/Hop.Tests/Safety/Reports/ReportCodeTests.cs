using Hop.Safety.Reports;

namespace Hop.Tests.Safety.Reports;

public sealed class ReportCodeTests
{
    [Theory]
    [InlineData("https://hop.example/Ab3dE9x", "Ab3dE9x")]
    [InlineData("http://hop.example/base/promo-2026", "promo-2026")]
    [InlineData("https://hop.example/Ab3dE9x+", "Ab3dE9x")]
    [InlineData("https://hop.example/Ab3dE9x?utm=1#top", "Ab3dE9x")]
    [InlineData("hop.example/Ab3dE9x", "Ab3dE9x")]
    [InlineData("  /Ab3dE9x/ ", "Ab3dE9x")]
    [InlineData("Ab3dE9x", "Ab3dE9x")]
    [InlineData("Ab3dE9x+", "Ab3dE9x")]
    public void The_code_is_the_last_segment_of_whatever_the_visitor_pasted(string input, string code) =>
        Assert.Equal(code, AbuseReports.CodeOf(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("https://hop.example/")]
    [InlineData("https://hop.example/bad!code")]
    [InlineData("not a code")]
    [InlineData("javascript:alert(1)")]
    public void Anything_without_a_well_formed_code_has_none(string? input) => Assert.Null(AbuseReports.CodeOf(input));

    [Fact]
    public void The_reasons_are_the_fixed_list() =>
        Assert.Equal(["phishing", "malware", "spam", "scam", "illegal-content", "impersonation", "other"], ReportReasons.All);
}
