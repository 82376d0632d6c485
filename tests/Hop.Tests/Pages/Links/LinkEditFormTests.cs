using Hop.Links;
using Hop.Links.Routing;
using Hop.Pages.Links;

namespace Hop.Tests.Pages.Links;

/// <summary>The link page's form as a merge patch: only what changed, in the API's spelling; and the buttons that rearrange its lists.</summary>
public sealed class LinkEditFormTests
{
    private static Link Stored() => new()
    {
        Code = "abc1234",
        TargetUrl = "https://example.com/",
        Title = "Old",
        Tags = ["a"],
        ExpiresAt = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        Rules = [new RedirectRule { Conditions = new RuleConditions { Os = ["ios"] }, Url = "https://m.example.com/" }],
        Version = 3,
    };

    [Fact]
    public void An_untouched_form_patches_nothing_not_even_an_expiry_already_past()
    {
        var link = Stored();
        Assert.Empty(LinkEditForm.From(link).ToPatch(link));
    }

    [Fact]
    public void Changed_fields_are_sent_as_the_api_spells_them_and_text_that_is_no_number_is_sent_as_text()
    {
        var link = Stored();
        var form = LinkEditForm.From(link);
        form.Title = "  ";
        form.Tags = "x, y ,";
        form.MaxVisits = "ten";
        form.RedirectStatus = "308";
        form.NewPassword = "secret";
        form.Rules[0].Query = "beta&utm_source=news";
        form.Rules[0].After = "2026-12-24 18:00";
        form.Variants = [new() { Url = "https://a.example.com/", Weight = "70" }, new() { Url = "https://b.example.com/", Weight = "lots" }];

        var patch = form.ToPatch(link).ToJsonString();

        Assert.Equal(
            """{"title":null,"tags":["x","y"],"maxVisits":"ten","redirectStatus":308,"rules":[{"conditions":{"os":["ios"],"query":{"beta":null,"utm_source":"news"},"after":"2026-12-24T18:00:00Z"},"url":"https://m.example.com/"}],"variants":[{"url":"https://a.example.com/","weight":70},{"url":"https://b.example.com/","weight":null}],"password":"secret"}""",
            patch);
    }

    [Fact]
    public void Buttons_add_move_and_remove_rules_and_variants()
    {
        var form = LinkEditForm.From(Stored());
        form.Action = LinkEditForm.AddRule;
        Assert.True(form.Rearrange());
        form.Rules[1].Url = "https://second.example.com/";
        form.Action = LinkEditForm.RuleUp + "1";
        Assert.True(form.Rearrange());
        Assert.Equal("https://second.example.com/", form.Rules[0].Url);
        form.Action = LinkEditForm.RemoveRule + "1";
        Assert.True(form.Rearrange());
        Assert.Single(form.Rules);

        form.Action = LinkEditForm.AddVariant;
        Assert.True(form.Rearrange());
        Assert.Equal(["50", "50"], form.Variants.Select(v => v.Weight));

        form.Action = LinkEditForm.Save;
        Assert.False(form.Rearrange());
        form.Action = LinkEditForm.RemoveRule + "9";
        Assert.True(form.Rearrange());
        Assert.Single(form.Rules);
    }
}
