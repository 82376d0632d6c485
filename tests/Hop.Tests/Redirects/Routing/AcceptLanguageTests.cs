using Hop.Redirects.Routing;

namespace Hop.Tests.Redirects.Routing;

public sealed class AcceptLanguageTests
{
    [Theory]
    [InlineData("de-CH", "de-CH")]
    [InlineData("fr;q=0.5, de-CH;q=0.9, en;q=0.8", "de-CH")]
    [InlineData("en-US,en;q=0.9", "en-US")]
    [InlineData("de;q=0, fr;q=0.1", "fr")]
    [InlineData("*, it;q=0.5", "it")]
    [InlineData("de;q=0", "")]
    [InlineData("es;q=0.8, pt;q=0.8", "es")]
    [InlineData("nl;q=1.0, sv", "nl")]
    [InlineData("", "")]
    [InlineData("ja;q=junk, ko;q=0.001", "ko")]
    public void The_most_preferred_language_is_the_highest_quality_first_among_equals_never_q0(string header, string preferred) =>
        Assert.Equal(preferred, AcceptLanguage.Preferred(header).ToString());

    [Theory]
    [InlineData("de-CH", "de", true)]
    [InlineData("de", "de", true)]
    [InlineData("DE-ch", "de-CH", true)]
    [InlineData("fr", "fr-CH", false)]
    [InlineData("den", "de", false)]
    [InlineData("zh-Hant-TW", "zh-Hant", true)]
    public void A_tag_matches_the_preferred_language_by_prefix_on_whole_subtags(string preferred, string tag, bool matches) =>
        Assert.Equal(matches, AcceptLanguage.Matches(preferred, tag));
}
