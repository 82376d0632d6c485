using System.Net;
using System.Text.RegularExpressions;
using Hop.Accounts;
using Hop.IntegrationTests.Infrastructure;
using Hop.Links;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hop.IntegrationTests.Redirects;

/// <summary>What a visitor gets from a link's own settings: status, caching, query forwarding, limits, passwords.</summary>
public abstract partial class RedirectBehaviourTests(HopHost host) : IAsyncLifetime
{
    private HttpClient _owner = null!;

    public async ValueTask InitializeAsync() => _owner = (await host.CreateUserAsync()).Client;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An anonymous browser: keeps cookies, does not follow redirects.</summary>
    private HttpClient Visitor() => host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<string> CreateAsync(string url, Action<Link>? configure = null)
    {
        var created = await _owner.CreateLinkAsync(new { url });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await created.ReadJsonAsync()).Str("code");
        if (configure is not null)
        {
            await host.WithDbAsync(async db =>
            {
                configure(await db.Links.SingleAsync(l => l.Code == code, Ct));
                await db.SaveChangesAsync(Ct);
            });
        }

        return code;
    }

    [Theory]
    [InlineData(301, "public, max-age=3600")]
    [InlineData(302, "private, max-age=0")]
    [InlineData(307, "private, max-age=0")]
    [InlineData(308, "public, max-age=3600")]
    public async Task Each_link_redirects_with_its_own_status_and_caching(int status, string cacheControl)
    {
        var code = await CreateAsync("https://example.com/status", l => l.RedirectStatus = status);
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
        {
            var response = await Visitor().SendAsync(new HttpRequestMessage(method, $"/{code}"), Ct);
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal("https://example.com/status", response.Headers.Location?.OriginalString);
            Assert.Equal(cacheControl, CacheControl(response));
        }
    }

    [Fact]
    public async Task A_new_link_redirects_with_302_by_default()
    {
        var response = await Visitor().GetAsync($"/{await CreateAsync("https://example.com/default")}", Ct);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("private, max-age=0", CacheControl(response));
    }

    [Fact]
    public async Task A_permanent_link_with_a_visit_limit_is_not_cached()
    {
        var code = await CreateAsync("https://example.com/limited", l => (l.RedirectStatus, l.MaxVisits) = (301, 100));
        var response = await Visitor().GetAsync($"/{code}", Ct);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("private, max-age=0", CacheControl(response));
    }

    [Fact]
    public async Task Forwarded_query_is_merged_with_the_targets_query_and_fragment()
    {
        var code = await CreateAsync("https://example.com/p?a=1#f", l => l.ForwardQuery = true);
        var response = await Visitor().GetAsync($"/{code}?b=2&c=x%20y&d=%C3%BC", Ct);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("https://example.com/p?a=1&b=2&c=x%20y&d=%C3%BC#f", response.Headers.Location?.OriginalString);

        var bare = await Visitor().GetAsync($"/{code}", Ct);
        Assert.Equal("https://example.com/p?a=1#f", bare.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Query_is_not_forwarded_unless_the_link_asks_for_it()
    {
        var code = await CreateAsync("https://example.com/p?a=1");
        var response = await Visitor().GetAsync($"/{code}?b=2", Ct);
        Assert.Equal("https://example.com/p?a=1", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData(4, 5, HttpStatusCode.Found)]
    [InlineData(5, 5, HttpStatusCode.Gone)]
    [InlineData(9, 5, HttpStatusCode.Gone)]
    public async Task A_link_answers_410_once_its_visits_reach_the_limit(long visits, long max, HttpStatusCode expected)
    {
        var code = await CreateAsync("https://example.com/max", l => (l.VisitCount, l.MaxVisits) = (visits, max));
        var response = await Visitor().GetAsync($"/{code}", Ct);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Gone)
        {
            Assert.Null(response.Headers.Location);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("expired", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_protected_link_shows_a_form_and_redirects_after_the_right_password()
    {
        var code = await ProtectedAsync("https://example.com/secret?x=1", "correct horse", l => l.ForwardQuery = true);
        var visitor = Visitor();

        var form = await visitor.GetAsync($"/{code}?utm=mail", Ct);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Null(form.Headers.Location);
        Assert.Equal("text/html", form.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", CacheControl(form), StringComparison.Ordinal);
        var html = await form.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("example.com/secret", html, StringComparison.Ordinal);
        Assert.Contains("type=\"password\"", html, StringComparison.Ordinal);
        Assert.Contains($"action=\"/{code}?utm=mail\"", html, StringComparison.Ordinal);
        var token = TokenOf(html);

        var wrong = await visitor.PostAsync($"/{code}?utm=mail", Form(token, "wrong"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Null(wrong.Headers.Location);
        var retry = await wrong.Content.ReadAsStringAsync(Ct);
        Assert.Contains("not right", retry, StringComparison.Ordinal);
        Assert.Contains("type=\"password\"", retry, StringComparison.Ordinal);

        var right = await visitor.PostAsync($"/{code}?utm=mail", Form(TokenOf(retry), "correct horse"), Ct);
        Assert.Equal(HttpStatusCode.SeeOther, right.StatusCode);
        Assert.Equal("https://example.com/secret?x=1&utm=mail", right.Headers.Location?.OriginalString);
        Assert.Equal("no-store", CacheControl(right));
    }

    [Fact]
    public async Task The_info_page_of_a_protected_link_hides_its_target()
    {
        var code = await ProtectedAsync("https://example.com/hidden", "pw-123456");
        var info = await Visitor().GetStringAsync($"/{code}+", Ct);
        Assert.DoesNotContain("example.com/hidden", info, StringComparison.Ordinal);
        Assert.Contains("password-protected", info, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_post_without_the_antiforgery_token_is_a_400_problem()
    {
        var code = await ProtectedAsync("https://example.com/csrf", "pw-123456");
        var response = await Visitor().PostAsync($"/{code}",
            new FormUrlEncodedContent([new("password", "pw-123456")]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Password_attempts_are_limited_per_client_and_link_with_429_and_retry_after()
    {
        var code = await ProtectedAsync("https://example.com/limited-attempts", "right one");
        var other = await ProtectedAsync("https://example.com/other", "other one");
        var visitor = Visitor();
        var token = TokenOf(await visitor.GetStringAsync($"/{code}", Ct));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.PostAsync($"/{code}", Form(token, $"guess {i}"), Ct)).StatusCode);
        }

        var limited = await visitor.PostAsync($"/{code}", Form(token, "right one"), Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Null(limited.Headers.Location);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        // Another link is counted on its own.
        var otherToken = TokenOf(await visitor.GetStringAsync($"/{other}", Ct));
        Assert.Equal(HttpStatusCode.SeeOther, (await visitor.PostAsync($"/{other}", Form(otherToken, "other one"), Ct)).StatusCode);
    }

    [Fact]
    public async Task A_password_post_to_a_gone_link_is_410()
    {
        var code = await ProtectedAsync("https://example.com/gone", "pw-123456", l => l.DisabledReason = "abuse");
        var visitor = Visitor();
        var page = await visitor.GetAsync($"/{code}", Ct);
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        var token = TokenOf(await (await visitor.GetAsync($"/{await ProtectedAsync("https://example.com/t", "x")}", Ct)).Content.ReadAsStringAsync(Ct));
        var response = await visitor.PostAsync($"/{code}", Form(token, "pw-123456"), Ct);
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    private Task<string> ProtectedAsync(string url, string password, Action<Link>? configure = null)
    {
        var hash = host.Services.GetRequiredService<PasswordHashing>().Hash(password);
        return CreateAsync(url, l =>
        {
            l.PasswordHash = hash;
            configure?.Invoke(l);
        });
    }

    /// <summary>The header as sent; HttpClient's parsed value reorders the directives.</summary>
    private static string CacheControl(HttpResponseMessage response) =>
        string.Join(", ", response.Headers.NonValidated["Cache-Control"]);

    private static FormUrlEncodedContent Form(string token, string password) =>
        new([new("__RequestVerificationToken", token), new("password", password)]);

    private static string TokenOf(string html)
    {
        var match = TokenField().Match(html);
        Assert.True(match.Success, "the form has an antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

public sealed class SqliteRedirectBehaviourTests(HopHost<Sqlite, Defaults> host)
    : RedirectBehaviourTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresRedirectBehaviourTests(HopHost<Postgres, Defaults> host)
    : RedirectBehaviourTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
