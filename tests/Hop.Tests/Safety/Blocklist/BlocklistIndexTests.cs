using Hop.Safety.Blocklist;

namespace Hop.Tests.Safety.Blocklist;

public sealed class BlocklistIndexTests
{
    private static BlocklistIndex Index()
    {
        var index = new BlocklistIndex();
        index.Add(1, "evil.com", BlocklistKind.Domain, BlocklistAction.Block, "phishing");
        index.Add(2, "review.org", BlocklistKind.Domain, BlocklistAction.Review, null);
        index.Add(3, "blocked.review.org", BlocklistKind.Domain, BlocklistAction.Block, null);
        index.Add(4, "https://good.example/bad/page", BlocklistKind.Url, BlocklistAction.Block, "malware");
        index.Add(5, "sub.watched.net", BlocklistKind.Domain, BlocklistAction.Review, null);
        index.Add(6, "https://sub.watched.net/x", BlocklistKind.Url, BlocklistAction.Block, null);
        return index;
    }

    [Theory]
    [InlineData("evil.com")]
    [InlineData("www.evil.com")]
    [InlineData("a.b.c.d.evil.com")]
    [InlineData("evil.com.")]
    public void A_domain_matches_itself_and_every_subdomain(string host) =>
        Assert.Equal(new BlocklistMatch(1, "evil.com", BlocklistAction.Block, "phishing"), Index().Match(host, $"https://{host}/"));

    [Theory]
    [InlineData("notevil.com")]
    [InlineData("evil.com.au")]
    [InlineData("evil.co")]
    [InlineData("vil.com")]
    [InlineData("com")]
    [InlineData("evilcom")]
    [InlineData("example.com")]
    public void Lookalike_suffixes_and_other_hosts_do_not_match(string host) =>
        Assert.Null(Index().Match(host, $"https://{host}/"));

    [Fact]
    public void An_exact_url_matches_that_url_only()
    {
        var index = Index();
        Assert.Equal(4, index.Match("good.example", "https://good.example/bad/page")?.EntryId);
        Assert.Null(index.Match("good.example", "https://good.example/bad/page2"));
        Assert.Null(index.Match("good.example", "https://good.example/"));
    }

    [Fact]
    public void Block_wins_over_review_wherever_each_sits()
    {
        var index = Index();
        Assert.Equal((2L, BlocklistAction.Review), Pair(index.Match("www.review.org", "https://www.review.org/")));
        Assert.Equal((3L, BlocklistAction.Block), Pair(index.Match("x.blocked.review.org", "https://x.blocked.review.org/")));
        Assert.Equal((5L, BlocklistAction.Review), Pair(index.Match("sub.watched.net", "https://sub.watched.net/y")));
        Assert.Equal((6L, BlocklistAction.Block), Pair(index.Match("sub.watched.net", "https://sub.watched.net/x")));
    }

    [Fact]
    public void Removing_and_replacing_entries_changes_what_matches()
    {
        var index = Index();
        Assert.Equal(6, index.Count);
        Assert.Equal(6, index.MaxId);
        index.Remove("evil.com", BlocklistKind.Domain);
        Assert.Null(index.Match("www.evil.com", "https://www.evil.com/"));
        index.Remove("https://good.example/bad/page", BlocklistKind.Url);
        Assert.Null(index.Match("good.example", "https://good.example/bad/page"));

        index.ReplaceAll([(10, "other.net", BlocklistKind.Domain, BlocklistAction.Block, null)], 1);
        Assert.Equal(1, index.Count);
        Assert.Equal(10, index.MaxId);
        Assert.Null(index.Match("review.org", "https://review.org/"));
        Assert.Equal(10, index.Match("a.other.net", "https://a.other.net/")?.EntryId);
    }

    [Fact]
    public void A_miss_allocates_nothing()
    {
        var index = Index();
        for (var i = 0; i < 100; i++)
        {
            index.Match("a.b.c.notlisted.example.com", "https://a.b.c.notlisted.example.com/");
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            index.Match("a.b.c.notlisted.example.com", "https://a.b.c.notlisted.example.com/");
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static (long, BlocklistAction)? Pair(BlocklistMatch? match) => match is null ? null : (match.EntryId, match.Action);
}
