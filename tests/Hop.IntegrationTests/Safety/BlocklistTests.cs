using System.Net;
using System.Net.Http.Json;
using System.Text;
using Hop.Accounts;
using Hop.IntegrationTests.Infrastructure;
using Hop.Safety.Blocklist;
using Microsoft.EntityFrameworkCore;
using static Hop.IntegrationTests.Redirects.RedirectTestKit;
using static Hop.IntegrationTests.Safety.BlocklistTestKit;

namespace Hop.IntegrationTests.Safety;

/// <summary>The blocklist through the admin API on each database: what adding and removing entries does to existing links.</summary>
public abstract class BlocklistTests(HopHost host)
{
    private readonly TestUser _admin = host.CreateUser(Roles.Admin);
    private readonly TestUser _owner = host.CreateUser();

    [Fact]
    public async Task Blocking_a_domain_turns_its_links_and_its_subdomains_links_into_410s_at_once_and_leaves_others_alone()
    {
        var domain = NewDomain();
        var links = _owner.Client;
        var direct = await links.CreateAsync($"https://{domain}/a");
        var sub = await links.CreateAsync($"https://www.{domain}/b");
        var deep = await links.CreateAsync($"https://x.y.{domain.ToUpperInvariant()}./c");
        var lookalike = await links.CreateAsync($"https://not{domain}/d");
        var suffix = await links.CreateAsync($"https://{domain}.au/e");
        foreach (var code in new[] { direct, sub, deep, lookalike, suffix })
        {
            Assert.StartsWith("https://", await links.FollowAsync(code), StringComparison.Ordinal); // cached now
        }

        var added = await _admin.Client.BlockAsync(domain);
        Assert.Equal(3, added.GetProperty("linksDisabled").GetInt32());
        Assert.Equal(domain, added.GetProperty("entry").Str("value"));
        Assert.Equal("block", added.GetProperty("entry").Str("action"));

        foreach (var code in new[] { direct, sub, deep })
        {
            var (status, body) = await links.VisitAsync(code);
            Assert.Equal(HttpStatusCode.Gone, status);
            Assert.Contains("blocked by the administrators", body, StringComparison.Ordinal);
        }

        Assert.Equal($"https://not{domain}/d", await links.FollowAsync(lookalike));
        Assert.Equal($"https://{domain}.au/e", await links.FollowAsync(suffix));
        Assert.Equal(BlocklistAction.Block, host.Index().Match("a.b." + domain, "https://a.b." + domain + "/")?.Action);
    }

    [Fact]
    public async Task Removing_an_entry_enables_only_the_links_it_disabled()
    {
        var domain = NewDomain();
        var links = _owner.Client;
        var blocked = await links.CreateAsync($"https://{domain}/a");
        var ownDisabled = await links.CreateAsync($"https://www.{domain}/b");
        var alsoParent = await links.CreateAsync($"https://deep.sub.{domain}/c");
        await host.WithDbAsync(db => db.Links.Where(l => l.Code == ownDisabled)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.DisabledReason, "disabled by its owner"), Ct));
        host.Cache().Invalidate(ownDisabled);

        var entry = (await _admin.Client.BlockAsync("sub." + domain)).GetProperty("entry").GetProperty("id").GetInt64();
        var parent = await _admin.Client.BlockAsync(domain);
        Assert.Equal(1, parent.GetProperty("linksDisabled").GetInt32()); // the owner's disabled link is not the blocklist's
        Assert.Equal("410", await links.FollowAsync(alsoParent));

        // Removing the subdomain entry: its link stays disabled, by the parent domain's entry now.
        Assert.Equal(0, (await _admin.Client.UnblockAsync(entry)).GetProperty("linksRestored").GetInt32());
        Assert.Equal("410", await links.FollowAsync(alsoParent));

        var restored = await _admin.Client.UnblockAsync(parent.GetProperty("entry").GetProperty("id").GetInt64());
        Assert.Equal(2, restored.GetProperty("linksRestored").GetInt32());
        Assert.Equal($"https://{domain}/a", await links.FollowAsync(blocked));
        Assert.Equal($"https://deep.sub.{domain}/c", await links.FollowAsync(alsoParent));
        Assert.Equal("410", await links.FollowAsync(ownDisabled));
        Assert.Null(host.Index().Match(domain, $"https://{domain}/"));
        Assert.Equal(0, await host.WithDbAsync(db => db.Links.CountAsync(l => l.BlockedBy != null && l.TargetHost.EndsWith(domain), Ct)));
    }

    [Fact]
    public async Task An_exact_url_entry_disables_that_target_only_and_a_review_entry_only_flags()
    {
        var domain = NewDomain();
        var links = _owner.Client;
        var bad = await links.CreateAsync($"https://{domain}/bad.exe");
        var good = await links.CreateAsync($"https://{domain}/fine");
        Assert.Equal(1, (await _admin.Client.BlockAsync($"https://{domain.ToUpperInvariant()}/bad.exe")).GetProperty("linksDisabled").GetInt32());
        Assert.Equal("410", await links.FollowAsync(bad));
        Assert.Equal($"https://{domain}/fine", await links.FollowAsync(good));

        var review = await _admin.Client.BlockAsync(domain, "review");
        Assert.Equal(0, review.GetProperty("linksDisabled").GetInt32());
        Assert.Equal(1, review.GetProperty("linksUnderReview").GetInt32());
        var flagged = await host.WithDbAsync(db => db.Links.AsNoTracking().SingleAsync(l => l.Code == good, Ct));
        Assert.Equal(BlocklistLinks.ReviewWarning, flagged.Warning);
        Assert.Null(flagged.DisabledReason);

        await _admin.Client.UnblockAsync(review.GetProperty("entry").GetProperty("id").GetInt64());
        Assert.Null((await host.WithDbAsync(db => db.Links.AsNoTracking().SingleAsync(l => l.Code == good, Ct))).Warning);
    }

    [Theory]
    [InlineData("com", "public suffix")]
    [InlineData("co.uk", "public suffix")]
    [InlineData("10.0.0.1", "IP address")]
    [InlineData("evil..com", "not a valid")]
    [InlineData("javascript://evil.com", "http")]
    [InlineData("", "required")]
    public async Task Invalid_values_are_refused_naming_the_field(string value, string reason)
    {
        using var response = await _admin.Client.PostAsJsonAsync(ApiPath, new { value }, ApiClient.Json, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Contains(reason, errors.GetProperty("value")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_names_the_bad_item_a_duplicate_conflicts_and_the_routes_are_for_admins_only()
    {
        using var list = await _admin.Client.PostAsJsonAsync(ApiPath, new { values = new[] { NewDomain(), "1.2.3.4" }, action = "nuke" }, ApiClient.Json, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        var errors = (await list.ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("values[1]", out _));
        Assert.True(errors.TryGetProperty("action", out _));
        Assert.False(errors.TryGetProperty("values[0]", out _));

        var domain = NewDomain();
        await _admin.Client.BlockAsync(domain);
        var conflict = await _admin.Client.BlockAsync(domain.ToUpperInvariant() + ".", expected: HttpStatusCode.Conflict);
        Assert.Equal("value", conflict.Str("field"));

        var several = new[] { domain, NewDomain(), NewDomain() };
        using var many = await _admin.Client.PostAsJsonAsync(ApiPath, new { values = several }, ApiClient.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, many.StatusCode);
        var body = await many.ReadJsonAsync();
        Assert.Equal(2, body.GetProperty("entries").GetArrayLength());
        Assert.Equal(domain, body.GetProperty("alreadyPresent")[0].GetString());

        using var page = await _admin.Client.GetAsync($"{ApiPath}?search={several[1][..12]}", Ct);
        Assert.Equal(several[1], (await page.ReadJsonAsync()).GetProperty("items")[0].Str("value"));

        Assert.Equal(HttpStatusCode.NotFound, (await _owner.Client.PostAsJsonAsync(ApiPath, new { value = NewDomain() }, ApiClient.Json, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _owner.Client.GetAsync(ApiPath, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.Client.DeleteAsync($"{ApiPath}/999999999", Ct)).StatusCode);
    }

    [Fact]
    public async Task Import_through_the_api_counts_every_kind_of_line_and_disables_matching_links()
    {
        var (a, b, c) = (NewDomain(), NewDomain(), NewDomain());
        var code = await _owner.Client.CreateAsync($"https://cdn.{b}/x");
        var url = await _owner.Client.CreateAsync($"https://{c}/payload.bin");
        Assert.Equal($"https://cdn.{b}/x", await _owner.Client.FollowAsync(code));
        var text = $"""
            # a hosts file, an Adblock list and a URLhaus row, mixed
            ! adblock comment
            127.0.0.1 localhost
            0.0.0.0 {a} {b}
            ||{a}^$third-party
            "1","2024-05-01","https://{c}/payload.bin","online","malware"
            just some junk here
            com
            bücher-{a}
            """;
        using var content = new StringContent(text, Encoding.UTF8, "text/plain");
        using var response = await _admin.Client.PostAsync($"{ApiPath}/import?format=auto&reason=feed", content, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var counts = await response.ReadJsonAsync();
        Assert.Equal(4, counts.GetProperty("added").GetInt64());
        Assert.Equal(1, counts.GetProperty("alreadyPresent").GetInt64());
        Assert.Equal(3, counts.GetProperty("comments").GetInt64());
        Assert.Equal(1, counts.GetProperty("junk").GetInt64());
        Assert.Equal(1, counts.GetProperty("invalid").GetInt64());
        Assert.Equal(2, counts.GetProperty("linksDisabled").GetInt32());
        Assert.Equal("410", await _owner.Client.FollowAsync(code));
        Assert.Equal("410", await _owner.Client.FollowAsync(url));
        Assert.NotNull(host.Index().Match($"x.{a}", ""));

        using var bad = new StringContent("x", Encoding.UTF8, "text/plain");
        using var refused = await _admin.Client.PostAsync($"{ApiPath}/import?format=7", bad, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.ReadJsonAsync()).GetProperty("errors").TryGetProperty("format", out _));
    }
}

public sealed class SqliteBlocklistTests(HopHost<Sqlite, Defaults> host) : BlocklistTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresBlocklistTests(HopHost<Postgres, Defaults> host) : BlocklistTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
