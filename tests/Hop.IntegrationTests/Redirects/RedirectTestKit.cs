using System.Net;
using Hop.Data;
using Hop.IntegrationTests.Infrastructure;
using Hop.Redirects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hop.IntegrationTests.Redirects;

internal static class RedirectTestKit
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A client of a new user with a real API key, that does not follow redirects.</summary>
    public static HttpClient NoRedirects(this HopHost host) => host.CreateUser().Client;

    public static LinkCache Cache(this HopHost host) => host.Services.GetRequiredService<LinkCache>();

    public static string NewAlias(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Where GET /{code} sends the client, or the status when it does not redirect.</summary>
    public static async Task<string> FollowAsync(this HttpClient client, string code)
    {
        using var response = await client.GetAsync("/" + code, Ct);
        return response.StatusCode is HttpStatusCode.Found or HttpStatusCode.MovedPermanently
            ? response.Headers.Location!.OriginalString
            : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<string> CreateAsync(this HttpClient client, string url, string? alias = null)
    {
        using var created = await client.CreateLinkAsync(alias is null ? new { url } : new { url, alias });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.ReadJsonAsync()).Str("code");
    }

    /// <summary>Writes a link straight into the database with SQL, behind the cache's back (EF saves
    /// invalidate the cache on their own).</summary>
    public static Task InsertDirectlyAsync(this HopHost host, string code, string url) =>
        host.WithDbAsync(async db =>
        {
            var now = host.Now.UtcDateTime;
            object noTags = host.Provider == DatabaseProvider.Sqlite ? "[]" : Array.Empty<string>();
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO links (code, target_url, is_custom_alias, tags, redirect_status, forward_query,
                                   visit_count, created_at, updated_at, version)
                VALUES ({code}, {url}, {true}, {noTags}, {302}, {false}, {0L}, {now}, {now}, {1})
                """, Ct);
        });

    /// <summary>Changes a link's target straight in the database, as an update feature would before invalidating.</summary>
    public static Task RetargetDirectlyAsync(this HopHost host, string code, string url) =>
        host.WithDbAsync(db => db.Links.Where(l => l.Code == code)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.TargetUrl, url), Ct));
}
