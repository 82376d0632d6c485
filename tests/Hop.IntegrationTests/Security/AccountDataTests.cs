using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hop.Accounts;
using Hop.IntegrationTests.Accounts;
using Hop.IntegrationTests.Clicks;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Hop.IntegrationTests.Security;

/// <summary><c>GET /api/v1/me/export</c> and <c>DELETE /api/v1/me</c>: exactly the caller's data out, and all of it gone.</summary>
public abstract class AccountDataTests(HopHost host)
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_export_holds_exactly_the_callers_data_and_no_secret()
    {
        var alice = await host.CreateUserAsync();
        var bob = await host.CreateUserAsync();
        var kept = await CreateAsync(alice, new { url = "https://example.com/kept", title = "Kept", tags = new[] { "a", "b" } });
        var deleted = await CreateAsync(alice, new { url = "https://example.com/deleted" });
        Assert.Equal(HttpStatusCode.NoContent, (await alice.Client.DeleteAsync($"/api/v1/links/{deleted}", Ct)).StatusCode);
        var bobs = await CreateAsync(bob, new { url = "https://example.com/bobs" });
        await VisitAsync(kept, 3);
        await VisitAsync(bobs, 1);
        await WaitForVisitsAsync(kept, 3);

        using var response = await alice.Client.GetAsync("/api/v1/me/export", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var export = JsonDocument.Parse(text).RootElement;

        Assert.Equal(alice.Username, export.GetProperty("profile").Str("username"));
        var links = export.GetProperty("links").EnumerateArray().ToList();
        Assert.Equal(new[] { kept, deleted }.Order(StringComparer.Ordinal), links.Select(l => l.GetProperty("link").Str("code")).Order(StringComparer.Ordinal));
        var keptLink = links.Single(l => l.GetProperty("link").Str("code") == kept);
        Assert.Equal("Kept", keptLink.GetProperty("link").Str("title"));
        Assert.Equal(["a", "b"], keptLink.GetProperty("link").GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToArray());
        Assert.Equal(3, keptLink.GetProperty("visits").GetProperty("total").GetInt64());
        Assert.Equal(3, keptLink.GetProperty("visits").GetProperty("humans").GetInt64());
        var day = Assert.Single(keptLink.GetProperty("daily").EnumerateArray());
        Assert.Equal(DateOnly.FromDateTime(host.Now.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), day.Str("day"));
        Assert.Equal(3, day.GetProperty("total").GetInt64());
        var deletedLink = links.Single(l => l.GetProperty("link").Str("code") == deleted);
        Assert.Equal("deleted", deletedLink.GetProperty("link").Str("state"));

        var key = Assert.Single(export.GetProperty("apiKeys").EnumerateArray());
        Assert.Equal(alice.ApiKey[..12], key.Str("prefix"));
        Assert.DoesNotContain(bobs, text, StringComparison.Ordinal);
        Assert.DoesNotContain(bob.Username, text, StringComparison.Ordinal);
        Assert.DoesNotContain(alice.ApiKey, text, StringComparison.Ordinal);
        foreach (var secret in new[] { "passwordHash", "secretHash", "tokenHash", "hash\"" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Deleting_an_account_takes_everything_it_owns_and_its_links_answer_410()
    {
        var alice = await host.CreateUserAsync();
        await host.SetPasswordAsync(alice.Id);
        var bob = await host.CreateUserAsync();
        var code = await CreateAsync(alice, new { url = "https://example.com/alices", title = "Mine", tags = new[] { "t" }, password = "link-pass-9" });
        var open = await CreateAsync(alice, new { url = "https://example.com/open" });
        var bobs = await CreateAsync(bob, new { url = "https://example.com/bobs-too" });
        await VisitAsync(open, 2);
        await VisitAsync(bobs, 1);
        await WaitForVisitsAsync(open, 2);
        await WaitForVisitsAsync(bobs, 1);
        var ids = await host.WithDbAsync(db => db.Links.Where(l => l.Code == code || l.Code == open).Select(l => l.Id).ToListAsync(Ct));

        Assert.Equal(HttpStatusCode.BadRequest, (await DeleteMeAsync(alice, null)).StatusCode);
        using var wrong = await DeleteMeAsync(alice, "not-the-password");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("password", (await wrong.ReadJsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.Found, (await Visitor().GetAsync($"/{open}", Ct)).StatusCode); // the cache is warm
        await WaitForVisitsAsync(open, 3);

        Assert.Equal(HttpStatusCode.NoContent, (await DeleteMeAsync(alice, AccountsTestKit.Password)).StatusCode);

        Assert.Equal(HttpStatusCode.Gone, (await Visitor().GetAsync($"/{open}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await Visitor().GetAsync($"/{code}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await alice.Client.GetAsync("/api/v1/keys", Ct)).StatusCode);
        await host.WithDbAsync(async db =>
        {
            Assert.False(await db.Users.AnyAsync(u => u.Id == alice.Id, Ct));
            Assert.False(await db.ApiKeys.AnyAsync(k => k.UserId == alice.Id, Ct));
            var tombstones = await db.Links.AsNoTracking().Where(l => ids.Contains(l.Id)).ToListAsync(Ct);
            Assert.Equal(2, tombstones.Count);
            Assert.All(tombstones, l =>
            {
                Assert.NotNull(l.DeletedAt);
                Assert.Null(l.OwnerId);
                Assert.Null(l.Title);
                Assert.Empty(l.Tags);
                Assert.Null(l.PasswordHash);
            });
        });
        Assert.Equal(0, await host.WithClicksDbAsync(c => c.VisitCounts.CountAsync(v => ids.Contains(v.LinkId), Ct)));
        Assert.Equal(0, await host.WithClicksDbAsync(c => c.Visits.CountAsync(v => ids.Contains(v.LinkId), Ct)));
        Assert.Equal(0, await host.WithClicksDbAsync(c => c.VisitProfiles.CountAsync(v => ids.Contains(v.LinkId), Ct)));
        var aliceId = alice.Id;
        Assert.Equal(0, await host.WithClicksDbAsync(c => c.AccountCounts.CountAsync(a => a.AccountId == aliceId, Ct)));
        Assert.Equal(0, await host.WithClicksDbAsync(c => c.AccountDimensions.CountAsync(a => a.AccountId == aliceId, Ct)));
        Assert.Equal(0, await host.WithClicksDbAsync(c => c.AccountVisitorDays.CountAsync(a => a.AccountId == aliceId, Ct)));
        var bobId = bob.Id;
        Assert.Equal(1, await host.WithClicksDbAsync(c => c.AccountCounts.Where(a => a.AccountId == bobId).SumAsync(a => a.Counts.Total, Ct)));

        // Bob is untouched: his link, his key, his visits.
        Assert.Equal(HttpStatusCode.Found, (await Visitor().GetAsync($"/{bobs}", Ct)).StatusCode);
        using var stats = await bob.Client.GetAsync($"/api/v1/links/{bobs}/stats", Ct);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.True((await stats.ReadJsonAsync()).GetProperty("totals").GetProperty("total").GetInt64() >= 1);
    }

    [Fact]
    public async Task The_last_admin_cannot_delete_their_account()
    {
        await using var own = await HopHost.StartAsync(host.Provider, new Defaults());
        var admin = await own.CreateUserAsync(Roles.Admin);
        await own.SetPasswordAsync(admin.Id);
        using var refused = await DeleteMeAsync(admin, AccountsTestKit.Password);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.True(await own.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == admin.Id, Ct)));

        var second = await own.CreateUserAsync(Roles.Admin);
        using var allowed = await DeleteMeAsync(admin, AccountsTestKit.Password);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.True(await own.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == second.Id, Ct)));
    }

    private HttpClient Visitor() => host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<string> CreateAsync(TestUser user, object body)
    {
        var response = await user.Client.CreateLinkAsync(body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).Str("code");
    }

    private async Task VisitAsync(string code, int times)
    {
        var client = Visitor();
        for (var i = 0; i < times; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/{code}");
            request.Headers.TryAddWithoutValidation("User-Agent", Browser);
            request.Headers.Add(TestClientIp.IpHeader, $"198.51.100.{Random.Shared.Next(1, 250)}");
            Assert.Equal(HttpStatusCode.Found, (await client.SendAsync(request, Ct)).StatusCode);
        }
    }

    private Task WaitForVisitsAsync(string code, long total) =>
        Poll.UntilAsync(async () =>
        {
            var id = await host.WithDbAsync(db => db.Links.Where(l => l.Code == code).Select(l => l.Id).SingleAsync(Ct));
            var counted = await host.WithClicksDbAsync(c => c.VisitCounts.Where(v => v.LinkId == id).SumAsync(v => v.Counts.Total, Ct));
            return counted >= total;
        }, $"{total} visit(s) of {code} are counted");

    private static Task<HttpResponseMessage> DeleteMeAsync(TestUser user, string? password) =>
        user.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me")
        {
            Content = password is null ? null : JsonContent.Create(new { password }),
        }, Ct);
}

public sealed class SqliteAccountDataTests(HopHost<Sqlite, FastClicks> host) : AccountDataTests(host), IClassFixture<HopHost<Sqlite, FastClicks>>;

public sealed class PostgresAccountDataTests(HopHost<Postgres, FastClicks> host) : AccountDataTests(host), IClassFixture<HopHost<Postgres, FastClicks>>;
