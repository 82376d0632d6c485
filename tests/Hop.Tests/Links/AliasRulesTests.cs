using Hop.Links;

namespace Hop.Tests.Links;

public sealed class AliasRulesTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("my-link")]
    [InlineData("Launch_2026")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public void Accepts_ordinary_aliases(string alias) => Assert.Null(AliasRules.Check(alias));

    [Theory]
    [InlineData("ab", "must be 3 to 64")]
    [InlineData("a2345678901234567890123456789012345678901234567890123456789012345", "must be 3 to 64")]
    [InlineData("has space", "may contain only")]
    [InlineData("dot.ted", "may contain only")]
    [InlineData("ünï", "may contain only")]
    [InlineData("slash/x", "may contain only")]
    public void Refuses_malformed_aliases(string alias, string reason) =>
        Assert.Contains(reason, AliasRules.Check(alias));

    [Theory]
    [InlineData("api")]
    [InlineData("API")]
    [InlineData("Admin")]
    [InlineData("adm1n")]
    [InlineData("ADM1N")]
    [InlineData("log-in")]
    [InlineData("l0gin")]
    [InlineData("LOGOUT")]
    [InlineData("healthz")]
    [InlineData("He4lthz")]
    [InlineData("ready_z")]
    [InlineData("metrics")]
    [InlineData("openapi")]
    [InlineData("d0cs")]
    [InlineData("static")]
    [InlineData("assets")]
    [InlineData("well-known")]
    public void Refuses_reserved_words_in_any_case_and_look_alike_spelling(string alias) =>
        Assert.Equal("is reserved.", AliasRules.Check(alias));
}
