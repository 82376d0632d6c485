using System.Data.Common;
using System.Diagnostics;
using Hop.Data;
using Hop.Hosting;
using Hop.Redirects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Hop.Safety.Blocklist;

/// <summary>
/// Keeps <see cref="BlocklistIndex"/> equal to <c>blocked_domains</c>: loads every entry at start-up,
/// then follows changes made on other instances (or by the CLI). Every change bumps a counter in
/// <c>app_settings</c>; each instance reads it every <see cref="BlocklistOptions.PollInterval"/> and,
/// when Redis is configured, also at once when a change is announced on <see cref="Channel"/>. A changed
/// counter loads the rows above the highest id held; when the row count then still differs (an entry
/// was removed) the whole list is reloaded and swapped in at once.
/// </summary>
internal sealed class BlocklistSync(
    IServiceScopeFactory scopes, BlocklistIndex index, LinkCache cache, IOptions<BlocklistOptions> options,
    TimeProvider time, ILogger<BlocklistSync> logger) : BackgroundService
{
    public const string VersionKey = "blocklist:version";
    public static readonly RedisChannel Channel = RedisChannel.Literal("hop:blocklist-changes");

    private const string SelectEntries = "SELECT id, value, kind, action, reason FROM blocked_domains";

    /// <summary>How far apart the instances' clocks may be for <see cref="RecheckRecentLinksAsync"/> still to see a link.</summary>
    private static readonly TimeSpan RecheckMargin = TimeSpan.FromMinutes(1);

    private readonly ChangeAnnouncements _changes = new(Channel, cache);
    private string? _seenVersion;
    private volatile bool _loaded;

    /// <summary>Bumps the change counter on <paramref name="connection"/>, inside the change's transaction.</summary>
    public static async Task BumpVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO app_settings (key, value) VALUES (@key, @value) "
            + "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        Add(command, "@key", VersionKey);
        Add(command, "@value", Guid.NewGuid().ToString("N"));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Tells the other instances at once, when Redis is there; without it they see the counter on their next check.</summary>
    public void Announce() => _changes.Announce();

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the app serves anything, so that no target is checked against a half-loaded list. An
        // unreachable database must not stop the app (it reports it on /readyz): the loop retries then.
        try
        {
            await LoadAllAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            BlocklistLog.SyncFailed(logger, e.Message);
        }

        await base.StartAsync(cancellationToken);
    }

    /// <summary>Loads every entry and swaps them in (the CLI calls it before a removal).</summary>
    public async Task LoadAllAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var connection = await OpenAsync(scope, ct);
        var version = await ReadVersionAsync(connection, ct);
        await ReloadAsync(connection, ct);
        _seenVersion = version;
        _loaded = true;
        BlocklistLog.Loaded(logger, index.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
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
                await (_loaded ? SyncAsync(stoppingToken) : LoadAllAsync(stoppingToken));
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or RedisException or TimeoutException)
            {
                BlocklistLog.SyncFailed(logger, e.Message);
            }
        }
    }

    /// <summary>Applies what changed since the last check; nothing when the counter has not moved.</summary>
    public async Task SyncAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var connection = await OpenAsync(scope, ct);
        var version = await ReadVersionAsync(connection, ct);
        if (version == _seenVersion)
        {
            return;
        }

        var added = 0;
        var previousMax = index.MaxId;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = SelectEntries + " WHERE id > @after";
            Add(command, "@after", index.MaxId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var (id, value, kind, action, reason) = Row(reader);
                index.Add(id, value, kind, action, reason);
                added++;
            }
        }

        if (added > 0)
        {
            await DropBlockedLinksAsync(connection, previousMax, ct);
            await RecheckRecentLinksAsync(connection, previousMax, ct);
        }

        var reload = await CountAsync(connection, ct) != index.Count;
        if (reload)
        {
            await ReloadAsync(connection, ct);
        }

        _seenVersion = version;
        BlocklistLog.Synced(logger, added, reload);
    }

    /// <summary>
    /// Drops from the cache the links that entries added elsewhere acted on. The process that added them
    /// invalidated them over Redis when it could; without Redis (a CLI verb beside a single node) this
    /// is how the running app stops serving them.
    /// </summary>
    private async Task DropBlockedLinksAsync(DbConnection connection, long previousMax, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT code FROM links WHERE blocked_by > @after";
        Add(command, "@after", previousMax);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            cache.Invalidate(reader.GetString(0));
        }
    }

    /// <summary>
    /// The instance that added the entries acted on every link stored by then; a link written here
    /// after that commit and before this index held the entries slipped past both. So the links written
    /// here or elsewhere within the last poll interval (and a margin for clocks) meet the new entries now.
    /// </summary>
    private async Task RecheckRecentLinksAsync(DbConnection connection, long previousMax, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var recent = new List<(string Code, BlocklistMatch Match)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT code, target_host, target_url FROM links "
                + "WHERE updated_at >= @since AND deleted_at IS NULL AND disabled_reason IS NULL AND blocked_by IS NULL";
            Add(command, "@since", now - options.Value.PollInterval - RecheckMargin);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (index.Match(reader.GetString(1), reader.GetString(2)) is { } match && match.EntryId > previousMax)
                {
                    recent.Add((reader.GetString(0), match));
                }
            }
        }

        if (recent.Count == 0)
        {
            return;
        }

        var codes = new List<string>();
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            foreach (var group in recent.GroupBy(r => r.Match.Action))
            {
                codes.AddRange(await BlocklistLinks.ApplyAsync(connection, transaction, group.Key, BlocklistLinks.LinkMatch.Code,
                    group.Select(r => (r.Code, (string?)null, r.Match.EntryId)).ToList(), now, ct));
            }

            await transaction.CommitAsync(ct);
        }

        foreach (var code in codes)
        {
            cache.Invalidate(code);
        }
    }

    private async Task ReloadAsync(DbConnection connection, CancellationToken ct)
    {
        var count = await CountAsync(connection, ct);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectEntries;
        await using var reader = await command.ExecuteReaderAsync(ct);
        index.ReplaceAll(Rows(reader), (int)Math.Min(count + count / 8, int.MaxValue));
    }

    private static IEnumerable<(long, string, BlocklistKind, BlocklistAction, string?)> Rows(DbDataReader reader)
    {
        while (reader.Read())
        {
            yield return Row(reader);
        }
    }

    private static (long, string, BlocklistKind, BlocklistAction, string?) Row(DbDataReader reader) =>
        (reader.GetInt64(0), reader.GetString(1), (BlocklistKind)reader.GetInt32(2), (BlocklistAction)reader.GetInt32(3),
            reader.IsDBNull(4) ? null : reader.GetString(4));

    private static async Task<DbConnection> OpenAsync(AsyncServiceScope scope, CancellationToken ct)
    {
        var db = scope.ServiceProvider.GetRequiredService<HopDbContext>();
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        return connection;
    }

    private static async Task<string?> ReadVersionAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM app_settings WHERE key = @key";
        Add(command, "@key", VersionKey);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    private static async Task<long> CountAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM blocked_domains";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public override void Dispose()
    {
        _changes.Dispose();
        base.Dispose();
    }
}
