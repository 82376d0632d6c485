using System.Net;
using Hop.IntegrationTests.Infrastructure;
using Hop.Safety.Blocklist;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hop.IntegrationTests.Redirects.RedirectTestKit;
using static Hop.IntegrationTests.Safety.BlocklistTestKit;

namespace Hop.IntegrationTests.Safety;

/// <summary>
/// An entry another instance added reaches this one a little later; a link written here in between
/// slipped past both the other instance's one-statement disable and this instance's stale index.
/// </summary>
public abstract class BlocklistRecheckTests(HopHost host)
{
    private readonly TestUser _owner = host.CreateUser();

    [Fact]
    public async Task A_link_written_before_this_instance_heard_of_a_new_entry_is_acted_on_when_it_does()
    {
        var blocked = NewDomain();
        var reviewed = NewDomain("odd");
        var early = await _owner.Client.CreateAsync($"https://www.{blocked}/before");
        Assert.StartsWith("https://", await _owner.Client.FollowAsync(early), StringComparison.Ordinal);

        // Another instance commits both entries (and has acted on the links stored by then, none here).
        await host.WithDbAsync(async db =>
        {
            db.Blocklist.Add(new BlocklistEntry { Value = blocked, Action = BlocklistAction.Block, Source = "elsewhere", AddedAt = DateTime.UtcNow });
            db.Blocklist.Add(new BlocklistEntry { Value = reviewed, Action = BlocklistAction.Review, Source = "elsewhere", AddedAt = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(Ct);
            await BlocklistSync.BumpVersionAsync(connection, null, Ct);
        });

        // This instance has not heard yet: it still accepts and serves links to both.
        var late = await _owner.Client.CreateAsync($"https://{blocked}/after");
        var odd = await _owner.Client.CreateAsync($"https://{reviewed}/after");
        Assert.StartsWith("https://", await _owner.Client.FollowAsync(late), StringComparison.Ordinal);
        Assert.StartsWith("https://", await _owner.Client.FollowAsync(odd), StringComparison.Ordinal);
        Assert.StartsWith("https://", await _owner.Client.FollowAsync(early), StringComparison.Ordinal);

        await host.Services.GetRequiredService<BlocklistSync>().SyncAsync(Ct);

        Assert.Equal(HttpStatusCode.Gone, (await _owner.Client.VisitAsync(late)).Status);
        Assert.Equal(HttpStatusCode.Gone, (await _owner.Client.VisitAsync(early)).Status);
        var (status, body) = await _owner.Client.VisitAsync(odd);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(reviewed, body, StringComparison.Ordinal);
        var entries = await host.WithDbAsync(db => db.Blocklist.Where(e => e.Value == blocked || e.Value == reviewed)
            .ToDictionaryAsync(e => e.Value, e => e.Id, Ct));
        var acted = await host.WithDbAsync(db => db.Links.Where(l => l.Code == late || l.Code == early || l.Code == odd)
            .ToDictionaryAsync(l => l.Code, l => l.BlockedBy, Ct));
        Assert.Equal(entries[blocked], acted[late]);
        Assert.Equal(entries[blocked], acted[early]);
        Assert.Equal(entries[reviewed], acted[odd]);
    }
}

public sealed class SqliteBlocklistRecheckTests(HopHost<Sqlite, SlowBlocklistSync> host)
    : BlocklistRecheckTests(host), IClassFixture<HopHost<Sqlite, SlowBlocklistSync>>;

public sealed class PostgresBlocklistRecheckTests(HopHost<Postgres, SlowBlocklistSync> host)
    : BlocklistRecheckTests(host), IClassFixture<HopHost<Postgres, SlowBlocklistSync>>;
