using Hop.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Hop.IntegrationTests.Redirects.RedirectTestKit;

namespace Hop.IntegrationTests.Redirects;

/// <summary>The L1 cache of one instance (no Redis): negative caching, write-through, invalidation.</summary>
public abstract class LinkCacheTests(HopHost host)
{
    private readonly HttpClient _client = host.NoRedirects();

    [Fact]
    public async Task Unknown_code_stays_unknown_until_invalidated()
    {
        var code = NewAlias("neg");
        Assert.Equal("404", await _client.FollowAsync(code));

        // Written behind the cache's back: the remembered 404 still answers.
        await host.InsertDirectlyAsync(code, "https://example.com/late");
        Assert.Equal("404", await _client.FollowAsync(code));

        host.Cache().Invalidate(code);
        Assert.Equal("https://example.com/late", await _client.FollowAsync(code));
    }

    [Fact]
    public async Task Create_writes_through_over_a_remembered_404()
    {
        var code = NewAlias("wt");
        Assert.Equal("404", await _client.FollowAsync(code));

        await _client.CreateAsync("https://example.com/new", code);
        Assert.Equal("https://example.com/new", await _client.FollowAsync(code));
    }

    [Fact]
    public async Task Cached_link_is_served_until_invalidated()
    {
        var code = await _client.CreateAsync("https://example.com/old");
        Assert.Equal("https://example.com/old", await _client.FollowAsync(code));

        await host.RetargetDirectlyAsync(code, "https://example.com/new");
        Assert.Equal("https://example.com/old", await _client.FollowAsync(code));

        host.Cache().Invalidate(code);
        Assert.Equal("https://example.com/new", await _client.FollowAsync(code));
    }

    [Fact]
    public async Task Concurrent_misses_each_read_their_own_link()
    {
        // Straight to the miss path's reader: pooled statements on SQLite, coalesced queries on PostgreSQL.
        var reader = host.Services.GetRequiredService<Hop.Redirects.LinkReader>();
        var codes = Enumerable.Range(0, 40).Select(_ => NewAlias("miss")).ToArray();
        foreach (var code in codes)
        {
            await host.InsertDirectlyAsync(code, $"https://example.com/{code}");
        }

        var wrong = 0;
        await Parallel.ForAsync(0, 4_000, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            // Every fifth lookup is a code that does not exist.
            var code = i % 5 == 0 ? NewAlias("none") : codes[i % codes.Length];
            var link = await reader.ReadAsync(new Hop.Redirects.LinkKey(Hop.Domains.Domain.DefaultId, code), ct);
            var expected = i % 5 == 0 ? null : $"https://example.com/{code}";
            if (link?.Target != expected)
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.Equal(0, wrong);
    }
}

public sealed class SqliteLinkCacheTests(HopHost<Sqlite, Defaults> host) : LinkCacheTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresLinkCacheTests(HopHost<Postgres, Defaults> host) : LinkCacheTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
