using System.Data.Common;
using Hop.Data;
using Hop.Hosting;
using Hop.Redirects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hop.Domains;

/// <summary>
/// Keeps <see cref="DomainTable"/> equal to the <c>domains</c> table. At start-up it gives the default
/// domain the host of Links:PublicBaseUrl and loads every domain; then every change bumps a counter in
/// <c>app_settings</c>, which each instance reads every <see cref="DomainOptions.PollInterval"/> and,
/// when Redis is configured, at once when a change is announced on <see cref="Channel"/>. A changed
/// counter reloads the whole table (a handful of rows) and swaps it in.
/// </summary>
internal sealed class DomainSync(
    IServiceScopeFactory scopes, DomainTable table, LinkCache cache, IOptions<DomainOptions> options,
    TimeProvider time, ILogger<DomainSync> logger) : BackgroundService
{
    public const string VersionKey = "domains:version";
    public static readonly RedisChannel Channel = RedisChannel.Literal("hop:domain-changes");

    private readonly ChangeAnnouncements _changes = new(Channel, cache);
    private string? _seenVersion;
    private bool _defaultHostSet;

    /// <summary>Bumps the change counter; saved with the change by the caller's next SaveChanges.</summary>
    public static async Task BumpVersionAsync(HopDbContext db, CancellationToken ct)
    {
        var value = Guid.NewGuid().ToString("N");
        var setting = await db.AppSettings.FirstOrDefaultAsync(s => s.Key == VersionKey, ct);
        if (setting is null)
        {
            db.AppSettings.Add(new AppSetting { Key = VersionKey, Value = value });
        }
        else
        {
            setting.Value = value;
        }
    }

    /// <summary>Tells the other instances at once, when Redis is there; without it they see the counter on their next check.</summary>
    public void Announce() => _changes.Announce();

    /// <summary>After a change made here: this instance serves it at once; the others hear of it over Redis or on their next check.</summary>
    public async Task AfterChangeAsync(CancellationToken ct)
    {
        Announce();
        await LoadAsync(ct);
    }

    /// <summary>For a process without a table of its own (a CLI verb): tells every instance over Redis.</summary>
    public static async Task AnnounceEverywhereAsync(string redisConfiguration)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisConfiguration);
        await redis.GetSubscriber().PublishAsync(Channel, "cli");
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the app serves anything, so that no request meets a half-known set of domains. An
        // unreachable database must not stop the app (it reports it on /readyz): the loop retries then.
        try
        {
            await LoadAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or DbUpdateException)
        {
            DomainsLog.SyncFailed(logger, e.Message);
        }

        await base.StartAsync(cancellationToken);
    }

    /// <summary>Makes the default domain's host the configured one (once), then loads every domain.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HopDbContext>();
        if (!_defaultHostSet)
        {
            await SetDefaultHostAsync(db, ct);
            _defaultHostSet = true;
        }

        var version = await db.AppSettings.AsNoTracking().Where(s => s.Key == VersionKey).Select(s => s.Value).FirstOrDefaultAsync(ct);
        var count = await table.LoadAsync(db, ct);
        _seenVersion = version;
        DomainsLog.Loaded(logger, count);
    }

    private async Task SetDefaultHostAsync(HopDbContext db, CancellationToken ct)
    {
        var host = table.DefaultHost;
        var domain = await db.Domains.FirstOrDefaultAsync(d => d.IsDefault, ct);
        if (domain is null || domain.Host == host)
        {
            return;
        }

        if (await db.Domains.Where(d => d.Host == host && !d.IsDefault).Select(d => (long?)d.Id).FirstOrDefaultAsync(ct) is { } other)
        {
            DomainsLog.DefaultHostTaken(logger, host, other);
            return;
        }

        domain.Host = host;
        domain.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await BumpVersionAsync(db, ct);
        await db.SaveChangesAsync(ct);
        Announce();
        DomainsLog.DefaultHostSet(logger, host);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _changes.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await _changes.SubscribeAsync();
                await SyncAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or DbUpdateException or RedisException or TimeoutException)
            {
                DomainsLog.SyncFailed(logger, e.Message);
            }
        }
    }

    /// <summary>Reloads when the counter moved since the last load; nothing otherwise.</summary>
    public async Task SyncAsync(CancellationToken ct)
    {
        if (!_defaultHostSet)
        {
            await LoadAsync(ct);
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HopDbContext>();
        var version = await db.AppSettings.AsNoTracking().Where(s => s.Key == VersionKey).Select(s => s.Value).FirstOrDefaultAsync(ct);
        if (version != _seenVersion)
        {
            await LoadAsync(ct);
        }
    }

    public override void Dispose()
    {
        _changes.Dispose();
        base.Dispose();
    }
}
