using System.Text.Json;
using Hop.Accounts;
using Hop.Hosting;
using Hop.Links;
using Hop.Safety.Targets;
using Hop.Tests.Safety;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Hop.Tests.Links;

/// <summary>Create and merge patch go through the one rule table, so each field is accepted or refused alike on both.</summary>
public sealed class LinkRulesTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Caller Owner = new(1, false, new HashSet<string>());
    private static readonly PasswordHashing Passwords = new(Options.Create(new PasswordHasherOptions { IterationCount = 1 }));
    private static readonly TargetPolicy Targets = TestTargets.Policy();
    private static readonly Hop.Domains.DomainTable Domains = TestTargets.Domains();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("url", "\"https://example.org/x\"", true)]
    [InlineData("url", "\"javascript:alert(1)\"", false)]
    [InlineData("url", "\"https://user:pw@example.org/\"", false)]
    [InlineData("title", "\"Launch\"", true)]
    [InlineData("title", "\"bell\\u0007\"", false)]
    [InlineData("tags", "[\"a\", \" a \", \"b\"]", true)]
    [InlineData("tags", "[\"a;b\"]", false)]
    [InlineData("tags", "[\"\"]", false)]
    [InlineData("expiresAt", "\"2027-01-01T00:00:00Z\"", true)]
    [InlineData("expiresAt", "\"2026-12-01T11:59:59Z\"", false)]
    [InlineData("maxVisits", "5", true)]
    [InlineData("maxVisits", "0", false)]
    [InlineData("redirectStatus", "308", true)]
    [InlineData("redirectStatus", "303", false)]
    [InlineData("forwardQuery", "true", true)]
    [InlineData("password", "\"s3cret\"", true)]
    [InlineData("password", "\"abc\"", false)]
    public async Task A_field_is_accepted_or_refused_alike_on_create_and_on_patch(string field, string json, bool valid)
    {
        var createJson = field == "url" ? $$"""{"url":{{json}}}""" : $$"""{"url":"https://example.com/","{{field}}":{{json}}}""";
        var request = JsonSerializer.Deserialize(createJson, HopJsonContext.Default.CreateLinkRequest)!;
        var created = new LinkEdit(NewLink(), Owner, Now, Passwords, Targets) { Domains = Domains };
        var createPassed = await LinkRules.CreateAsync(request, created, Ct);

        var patched = new LinkEdit(NewLink(), Owner, Now, Passwords, Targets) { Domains = Domains };
        using var patch = JsonDocument.Parse($$"""{"{{field}}":{{json}}}""");
        var patchPassed = await LinkRules.PatchAsync(patch.RootElement, patched, Ct);

        Assert.Equal(valid, createPassed);
        Assert.Equal(valid, patchPassed);
        Assert.Equal(created.Errors.Keys, patched.Errors.Keys);
        Assert.Equal(created.Errors.Values.SelectMany(e => e), patched.Errors.Values.SelectMany(e => e));
        if (valid)
        {
            Assert.Equal(Describe(created.Link, field), Describe(patched.Link, field));
        }
    }

    [Fact]
    public async Task Create_normalizes_and_writes_only_when_every_field_passes()
    {
        var edit = new LinkEdit(NewLink(), Owner, Now, Passwords, Targets) { Domains = Domains };
        var request = new CreateLinkRequest { Url = "https://EXAMPLE.com/a", Title = new string('t', 201), Tags = [" x ", "x"] };

        Assert.False(await LinkRules.CreateAsync(request, edit, Ct));
        Assert.Equal(["title"], edit.Errors.Keys);
        Assert.Equal("", edit.Link.TargetUrl);
        Assert.Empty(edit.Link.Tags);

        var ok = new LinkEdit(NewLink(), Owner, Now, Passwords, Targets) { Domains = Domains };
        Assert.True(await LinkRules.CreateAsync(request with { Title = "t" }, ok, Ct));
        Assert.Equal("https://example.com/a", ok.Link.TargetUrl);
        Assert.Equal(["x"], ok.Link.Tags);
    }

    [Fact]
    public async Task A_missing_url_is_required_on_create_and_cannot_be_removed_by_a_patch()
    {
        var created = new LinkEdit(NewLink(), Owner, Now, Passwords, Targets) { Domains = Domains };
        Assert.False(await LinkRules.CreateAsync(new CreateLinkRequest(), created, Ct));
        Assert.Equal(["url is required."], created.Errors["url"]);

        using var patch = JsonDocument.Parse("""{"url":null,"target":7}""");
        var patched = new LinkEdit(NewLink(), Owner, Now, Passwords, Targets) { Domains = Domains };
        Assert.False(await LinkRules.PatchAsync(patch.RootElement, patched, Ct));
        Assert.Equal(["url must be a URL string; it cannot be removed."], patched.Errors["url"]);
        Assert.Equal(["target must be a URL string; it cannot be removed."], patched.Errors["target"]);
    }

    [Fact]
    public async Task Null_removes_what_can_be_removed_and_read_only_fields_are_refused()
    {
        var link = NewLink();
        link.Title = "old";
        link.Tags = ["a"];
        link.MaxVisits = 3;
        link.ExpiresAt = Now.AddDays(1);
        link.PasswordHash = "hash";
        using var patch = JsonDocument.Parse("""{"title":null,"tags":null,"maxVisits":null,"expiresAt":null,"password":null}""");
        Assert.True(await LinkRules.PatchAsync(patch.RootElement, new LinkEdit(link, Owner, Now, Passwords, Targets) { Domains = Domains }, Ct));
        Assert.Null(link.Title);
        Assert.Empty(link.Tags);
        Assert.Null(link.MaxVisits);
        Assert.Null(link.ExpiresAt);
        Assert.Null(link.PasswordHash);

        using var readOnly = JsonDocument.Parse("""{"alias":"x","visitCount":1,"forwardQuery":null,"nonsense":1}""");
        var refused = new LinkEdit(NewLink(), Owner, Now, Passwords, Targets) { Domains = Domains };
        Assert.False(await LinkRules.PatchAsync(readOnly.RootElement, refused, Ct));
        Assert.Equal(["alias is read-only."], refused.Errors["alias"]);
        Assert.Equal(["visitCount is read-only."], refused.Errors["visitCount"]);
        Assert.Equal(["forwardQuery must be true or false."], refused.Errors["forwardQuery"]);
        Assert.Equal(["nonsense is not a field of a link."], refused.Errors["nonsense"]);
    }

    [Fact]
    public async Task An_owner_cannot_enable_a_link_an_administrator_disabled()
    {
        using var enable = JsonDocument.Parse("""{"disabled":false}""");
        var banned = NewLink();
        banned.DisabledReason = "abuse report";
        Assert.False(await LinkRules.PatchAsync(enable.RootElement, new LinkEdit(banned, Owner, Now, Passwords, Targets) { Domains = Domains }, Ct));
        Assert.Equal("abuse report", banned.DisabledReason);

        var admin = new Caller(2, true, new HashSet<string>());
        Assert.True(await LinkRules.PatchAsync(enable.RootElement, new LinkEdit(banned, admin, Now, Passwords, Targets) { Domains = Domains }, Ct));
        Assert.Null(banned.DisabledReason);
    }

    private static Link NewLink() => new() { Code = "", TargetUrl = "", CreatedAt = Now, UpdatedAt = Now };

    private static string Describe(Link link, string field) => field switch
    {
        "url" => link.TargetUrl,
        "title" => link.Title ?? "",
        "tags" => string.Join('|', link.Tags),
        "expiresAt" => link.ExpiresAt?.ToString("O") ?? "",
        "maxVisits" => link.MaxVisits?.ToString() ?? "",
        "redirectStatus" => link.RedirectStatus.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "forwardQuery" => link.ForwardQuery.ToString(),
        "password" => link.PasswordHash is null ? "none" : "hashed",
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
