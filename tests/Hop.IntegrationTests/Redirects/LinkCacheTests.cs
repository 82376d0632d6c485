using Hop.IntegrationTests.Infrastructure;
using static Hop.IntegrationTests.Redirects.RedirectTestKit;

namespace Hop.IntegrationTests.Redirects;

/// <summary>The L1 cache of one instance (no Redis): negative caching, write-through, invalidation.</summary>
public abstract class LinkCacheTests(HopFactory factory)
{
    private readonly HttpClient _client = factory.NoRedirects();

    [Fact]
    public async Task Unknown_code_stays_unknown_until_invalidated()
    {
        var code = NewAlias("neg");
        Assert.Equal("404", await _client.FollowAsync(code));

        // Written behind the cache's back: the remembered 404 still answers.
        await factory.InsertDirectlyAsync(code, "https://example.com/late");
        Assert.Equal("404", await _client.FollowAsync(code));

        factory.Cache().Invalidate(code);
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

        await factory.RetargetDirectlyAsync(code, "https://example.com/new");
        Assert.Equal("https://example.com/old", await _client.FollowAsync(code));

        factory.Cache().Invalidate(code);
        Assert.Equal("https://example.com/new", await _client.FollowAsync(code));
    }
}

public sealed class SqliteLinkCacheTests(SqliteHopFactory factory) : LinkCacheTests(factory), IClassFixture<SqliteHopFactory>;

public sealed class PostgresLinkCacheTests(PostgresHopFactory factory) : LinkCacheTests(factory), IClassFixture<PostgresHopFactory>;
