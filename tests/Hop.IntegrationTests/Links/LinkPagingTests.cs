using System.Net;
using System.Text.Json;
using Hop.IntegrationTests.Infrastructure;
using Hop.Links;

namespace Hop.IntegrationTests.Links;

/// <summary>Paging 10,000 links while more are written: every link that existed before is seen exactly once.</summary>
public abstract class LinkPagingTests(HopHost host)
{
    private const int Seeded = 10_000;
    private const int BackgroundCreates = 300;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("")]
    [InlineData("&sort=created")]
    public async Task Paging_through_10000_links_while_inserting_sees_each_existing_link_exactly_once(string sort)
    {
        var user = await host.CreateUserAsync();
        var run = Guid.NewGuid().ToString("N")[..6];
        var start = Timestamps.Truncate(host.Now.UtcDateTime.AddDays(-1));
        var seeded = await SeedAsync(user.Id, run, start);

        // Writers that run while the pages are read: creates through the API (they take the current
        // time), and rows written straight into the middle of the paged range, as a late commit or a
        // skewed clock on another instance would.
        var inserted = 0;
        using var done = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var background = Task.Run(async () =>
        {
            for (var i = 0; i < BackgroundCreates && !done.IsCancellationRequested; i++)
            {
                var response = await user.Client.CreateLinkAsync(new { url = $"https://example.com/live/{run}/{i}" });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                Interlocked.Increment(ref inserted);
            }
        }, Ct);

        var seen = new List<string>();
        var pages = 0;
        var next = $"/api/v1/links?limit=500{sort}";
        while (next is not null)
        {
            var page = await user.Client.GetAsync(next, Ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var body = await page.ReadJsonAsync();
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.Str("code")));
            pages++;
            next = page.Headers.TryGetValues("Link", out var links)
                ? links.Single()[1..links.Single().IndexOf('>', StringComparison.Ordinal)]
                : null;
            Assert.Equal(next is null, body.GetProperty("nextCursor").ValueKind == JsonValueKind.Null);

            await InsertIntoRangeAsync(user.Id, run, start, pages);
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.Created, (await user.Client.CreateLinkAsync(new { url = $"https://example.com/between/{run}/{pages}/{i}" })).StatusCode);
            }
        }

        await done.CancelAsync();
        await background;

        var counts = seen.GroupBy(c => c, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Assert.All(seeded, code => Assert.Equal(1, counts.GetValueOrDefault(code)));
        Assert.All(counts, pair => Assert.Equal(1, pair.Value));
        Assert.True(pages >= Seeded / 500, $"only {pages} pages");

        // The writes really happened while paging: 23 rows after each page, plus the background creates.
        var total = await host.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .CountAsync(db.Links, l => l.OwnerId == user.Id, Ct));
        Assert.Equal(Seeded + (pages * 23) + inserted, total);
    }

    /// <summary>Seeds through the DbContext in one SaveChanges; four links share each timestamp, and ids
    /// are shuffled against time, so the order has to come from (created_at, id) together.</summary>
    private async Task<List<string>> SeedAsync(long owner, string run, DateTime start)
    {
        var order = Enumerable.Range(0, Seeded).ToArray();
        new Random(42).Shuffle(order);
        var links = order.Select(i => new Link
        {
            Code = $"seed{run}{i:D5}",
            IsCustomAlias = true,
            TargetUrl = $"https://example.com/seed/{i}",
            OwnerId = owner,
            CreatedAt = start.AddMilliseconds(i / 4),
            UpdatedAt = start.AddMilliseconds(i / 4),
        }).ToList();
        await host.WithDbAsync(async db =>
        {
            db.Links.AddRange(links);
            await db.SaveChangesAsync(Ct);
        });
        return [.. links.Select(l => l.Code)];
    }

    private Task InsertIntoRangeAsync(long owner, string run, DateTime start, int page) => host.WithDbAsync(async db =>
    {
        var random = new Random(page);
        db.Links.AddRange(Enumerable.Range(0, 20).Select(i =>
        {
            var at = start.AddMilliseconds(random.Next(Seeded / 4));
            return new Link
            {
                Code = $"mid{run}{page:D3}{i:D2}",
                IsCustomAlias = true,
                TargetUrl = $"https://example.com/mid/{page}/{i}",
                OwnerId = owner,
                CreatedAt = at,
                UpdatedAt = at,
            };
        }));
        await db.SaveChangesAsync(Ct);
    });
}

public sealed class SqliteLinkPagingTests(HopHost<Sqlite, Defaults> host)
    : LinkPagingTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresLinkPagingTests(HopHost<Postgres, Defaults> host)
    : LinkPagingTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
