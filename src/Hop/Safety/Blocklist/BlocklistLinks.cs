using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Hop.Safety.Blocklist;

/// <summary>
/// What entries do to existing links, as set-based statements on the links table: a Block entry disables
/// the links it matches, a Review entry gives them a warning, and both record themselves in
/// <c>blocked_by</c> so that removing the entry undoes exactly what it did. Every statement answers
/// the codes it changed, for the caller to drop from the caches.
/// </summary>
internal static class BlocklistLinks
{
    /// <summary>The disabled reason of a link whose target is blocked; the 410 page says so.</summary>
    public const string DisabledReason = "blocked: the target's site is on the blocklist";

    public const string ReviewWarning = "the domain is under review";

    /// <summary>Rows per statement of <see cref="ApplyAsync"/>: far below either database's parameter limit.</summary>
    private const int Chunk = 1000;

    /// <summary>Acts on every active link to <paramref name="domain"/> and its subdomains, in one statement over the host key range.</summary>
    public static Task<List<string>> ApplyToDomainAsync(
        DbConnection connection, DbTransaction transaction, long entryId, string domain, BlocklistAction action, DateTime now, CancellationToken ct)
    {
        var key = HostKeys.KeyOf(domain);
        var command = Command(connection, transaction, action, now, "@id", "", "host_key >= @key AND host_key < @end");
        BlocklistSync.Add(command, "@id", entryId);
        BlocklistSync.Add(command, "@key", key);
        BlocklistSync.Add(command, "@end", HostKeys.RangeEnd(key));
        return CodesAsync(command, ct);
    }

    /// <summary>Acts on the active links whose target is exactly <paramref name="url"/>.</summary>
    public static Task<List<string>> ApplyToUrlAsync(
        DbConnection connection, DbTransaction transaction, long entryId, string url, BlocklistAction action, DateTime now, CancellationToken ct)
    {
        var command = Command(connection, transaction, action, now, "@id", "", "host_key = @key AND target_url = @url");
        BlocklistSync.Add(command, "@id", entryId);
        BlocklistSync.Add(command, "@key", HostKeys.KeyOf(HostKeys.HostOf(url)));
        BlocklistSync.Add(command, "@url", url);
        return CodesAsync(command, ct);
    }

    /// <summary>
    /// Acts on many links at once, a chunk of rows per statement: each row is a host key, a code or a
    /// (host key, URL) pair (<paramref name="match"/>) with the id of the entry that matched it.
    /// </summary>
    public static async Task<List<string>> ApplyAsync(
        DbConnection connection, DbTransaction transaction, BlocklistAction action, LinkMatch match,
        IReadOnlyList<(string Key, string? Url, long EntryId)> rows, DateTime now, CancellationToken ct)
    {
        var codes = new List<string>();
        for (var start = 0; start < rows.Count; start += Chunk)
        {
            var count = Math.Min(Chunk, rows.Count - start);
            var values = new StringBuilder();
            var names = new List<(string, object)>(count * 3);
            for (var i = 0; i < count; i++)
            {
                var (key, url, id) = rows[start + i];
                values.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@k{i}, @i{i}");
                names.Add(($"@k{i}", key));
                names.Add(($"@i{i}", id));
                if (match == LinkMatch.HostKeyAndUrl)
                {
                    values.Append(CultureInfo.InvariantCulture, $", @u{i}");
                    names.Add(($"@u{i}", url!));
                }

                values.Append(')');
            }

            var where = match switch
            {
                LinkMatch.HostKey => "links.host_key = m.column1",
                LinkMatch.Code => "links.code = m.column1",
                _ => "links.host_key = m.column1 AND links.target_url = m.column3",
            };
            await using var command = Command(connection, transaction, action, now, "m.column2", $" FROM (VALUES {values}) AS m", where);
            foreach (var (name, value) in names)
            {
                BlocklistSync.Add(command, name, value);
            }

            codes.AddRange(await CodesAsync(command, ct));
        }

        return codes;
    }

    /// <summary>
    /// Undoes what entry <paramref name="entryId"/> did: its links lose the warning or, when still
    /// disabled for the blocklist's reason, are enabled again; a link disabled for another reason since
    /// stays disabled. A Block entry that took a link over from a Review entry also drops the review
    /// warning, which only a Review entry still matching may give back (the caller re-applies those).
    /// Answers each changed link with whether it is active again.
    /// </summary>
    public static async Task<List<(string Code, string Host, string Url, bool Restored)>> RestoreAsync(
        DbConnection connection, DbTransaction transaction, long entryId, BlocklistAction action, DateTime now, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = action == BlocklistAction.Block
            ? "UPDATE links SET disabled_reason = CASE WHEN disabled_reason = @reason THEN NULL ELSE disabled_reason END, "
                + "warning = CASE WHEN warning = @review THEN NULL ELSE warning END, "
                + "blocked_by = NULL, version = version + 1, updated_at = @now WHERE blocked_by = @id "
                + "RETURNING code, target_host, target_url, disabled_reason IS NULL AND deleted_at IS NULL"
            : "UPDATE links SET warning = CASE WHEN warning = @reason THEN NULL ELSE warning END, "
                + "blocked_by = NULL, version = version + 1, updated_at = @now WHERE blocked_by = @id "
                + "RETURNING code, target_host, target_url, disabled_reason IS NULL AND deleted_at IS NULL";
        BlocklistSync.Add(command, "@reason", action == BlocklistAction.Block ? DisabledReason : ReviewWarning);
        if (action == BlocklistAction.Block)
        {
            BlocklistSync.Add(command, "@review", ReviewWarning);
        }

        BlocklistSync.Add(command, "@now", now);
        BlocklistSync.Add(command, "@id", entryId);
        var changed = new List<(string, string, string, bool)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            changed.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
        }

        return changed;
    }

    /// <summary>The distinct host keys of links that are neither deleted nor disabled: what new entries may match.</summary>
    public static async Task<List<string>> ActiveHostKeysAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT DISTINCT host_key FROM links WHERE deleted_at IS NULL AND disabled_reason IS NULL AND host_key <> ''";
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <summary>The host a key was made from (<c>com.example.www.</c> → <c>www.example.com</c>).</summary>
    public static string HostOfKey(string key)
    {
        var labels = key.AsSpan(0, key.Length - 1).ToString().Split('.');
        Array.Reverse(labels);
        return string.Join('.', labels);
    }

    private static DbCommand Command(
        DbConnection connection, DbTransaction transaction, BlocklistAction action, DateTime now, string entry, string from, string where)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = action == BlocklistAction.Block
            ? $"UPDATE links SET disabled_reason = @reason, blocked_by = {entry}, version = version + 1, updated_at = @now{from} "
                + $"WHERE {where} AND links.deleted_at IS NULL AND links.disabled_reason IS NULL RETURNING code"
            : $"UPDATE links SET warning = @reason, blocked_by = {entry}, version = version + 1, updated_at = @now{from} "
                + $"WHERE {where} AND links.deleted_at IS NULL AND links.disabled_reason IS NULL "
                + "AND links.blocked_by IS NULL AND links.warning IS NULL RETURNING code";
        BlocklistSync.Add(command, "@reason", action == BlocklistAction.Block ? DisabledReason : ReviewWarning);
        BlocklistSync.Add(command, "@now", now);
        return command;
    }

    private static async Task<List<string>> CodesAsync(DbCommand command, CancellationToken ct)
    {
        await using (command)
        {
            var codes = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                codes.Add(reader.GetString(0));
            }

            return codes;
        }
    }

    internal enum LinkMatch
    {
        HostKey,
        Code,
        HostKeyAndUrl,
    }
}
