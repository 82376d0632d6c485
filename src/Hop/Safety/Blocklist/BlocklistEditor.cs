using System.Data.Common;
using Hop.Data;
using Hop.Redirects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hop.Safety.Blocklist;

/// <summary>
/// Adds and removes blocklist entries, and acts on the links they match. Each change runs in one
/// transaction with what it does to links and the change counter; the entries are in
/// <see cref="BlocklistIndex"/> before the links are scanned, so a link created meanwhile is refused
/// rather than missed. The codes a change touched are dropped from every instance's cache after the commit.
/// </summary>
internal sealed class BlocklistEditor(
    HopDbContext db, BlocklistIndex index, BlocklistSync sync, BlocklistBulkWriter bulk, LinkCache cache, TimeProvider time,
    ILogger<BlocklistEditor> logger)
{
    /// <summary>Lines between two calls of an import's progress callback.</summary>
    public const int ProgressEvery = 50_000;

    /// <summary>
    /// Blocks <paramref name="domain"/> and its subdomains; returns how many existing links it disabled
    /// (0 when the domain is already listed). Throws <see cref="ArgumentException"/> for a value that
    /// is not a blockable domain: check it with <see cref="BlocklistValues.NormalizeDomain"/> first.
    /// </summary>
    public async Task<int> BlockDomainAsync(string domain, string? reason, long? addedBy, CancellationToken ct)
    {
        var value = BlocklistValues.NormalizeDomain(domain, out var error)
            ?? throw new ArgumentException($"'{domain}' {error}", nameof(domain));
        var result = await AddAsync([(value, BlocklistKind.Domain)], BlocklistAction.Block, reason, "admin", addedBy, ct);
        return result.LinksDisabled;
    }

    /// <summary>
    /// Adds normalized entries (see <see cref="BlocklistValues"/>) sharing an action and a reason. One
    /// entry acts on its links with one range statement; several are inserted in bulk and matched
    /// against the links' distinct hosts.
    /// </summary>
    public async Task<BlocklistAddResult> AddAsync(
        IReadOnlyList<(string Value, BlocklistKind Kind)> entries, BlocklistAction action, string? reason, string source, long? addedBy,
        CancellationToken ct)
    {
        var fields = new BlocklistEntryFields(action, reason, source, addedBy, time.GetUtcNow().UtcDateTime);
        var distinct = entries.DistinctBy(e => e.Value).ToList();
        var (added, codes) = distinct.Count == 1
            ? await AddOneAsync(distinct[0], fields, ct)
            : await AddManyAsync(distinct, fields, ct);
        AfterCommit(codes);
        var present = distinct.Select(e => e.Value).Except(added.Select(e => e.Value)).ToList();
        foreach (var entry in added)
        {
            BlocklistLog.Added(logger, entry.Id, entry.Value, action, addedBy, added.Count == 1 ? codes.Count : 0);
        }

        return new BlocklistAddResult(added, present,
            action == BlocklistAction.Block ? codes.Count : 0, action == BlocklistAction.Review ? codes.Count : 0);
    }

    /// <summary>
    /// Imports a list in one of <see cref="BlocklistFormat"/>, streamed from <paramref name="text"/>:
    /// bulk-inserted, then the links the new entries match are acted on, then the counter is bumped once.
    /// </summary>
    public Task<BlocklistImportResult> ImportAsync(
        TextReader text, BlocklistFormat format, BlocklistAction action, string? reason, string source, long? addedBy,
        Action<long>? progress, CancellationToken ct) =>
        ImportAsync(text, format, action, reason, source, addedBy, progress is null ? null : p => progress(p.Lines), ProgressEvery, ct);

    /// <summary>
    /// <see cref="ImportAsync(TextReader, BlocklistFormat, BlocklistAction, string?, string, long?, Action{long}?, CancellationToken)"/>
    /// with the counts so far every <paramref name="progressEvery"/> lines and once the whole list is read.
    /// </summary>
    public async Task<BlocklistImportResult> ImportAsync(
        TextReader text, BlocklistFormat format, BlocklistAction action, string? reason, string source, long? addedBy,
        Action<BlocklistImportProgress>? progress, int progressEvery, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(progressEvery);
        var counts = new ImportCounts();
        var fields = new BlocklistEntryFields(action, reason, source, addedBy, time.GetUtcNow().UtcDateTime);
        var (added, codes) = await AddManyAsync(Parse(text, format, counts, progress, progressEvery), fields, ct);
        AfterCommit(codes);
        var result = new BlocklistImportResult
        {
            Added = added.Count,
            AlreadyPresent = counts.Valid - added.Count,
            Comments = counts.Comments,
            Junk = counts.Junk,
            Invalid = counts.Invalid,
            LinksDisabled = action == BlocklistAction.Block ? codes.Count : 0,
            LinksUnderReview = action == BlocklistAction.Review ? codes.Count : 0,
        };
        BlocklistLog.Imported(logger, source, result.Added, result.AlreadyPresent, result.Invalid, result.Junk, codes.Count);
        return result;
    }

    /// <summary>
    /// Removes entry <paramref name="id"/> and undoes what it did; answers how many links it enabled
    /// again (a Review entry: how many lost their warning), null when there is no such entry.
    /// </summary>
    public async Task<int?> RemoveAsync(long id, CancellationToken ct)
    {
        var entry = await db.Blocklist.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (entry is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (connection, transaction) = await BeginAsync(ct);
        List<string> codes;
        var restored = 0;
        await using (transaction)
        {
            await db.Blocklist.Where(e => e.Id == id).ExecuteDeleteAsync(ct);
            index.Remove(entry.Value, entry.Kind);
            var changed = await BlocklistLinks.RestoreAsync(connection, transaction.GetDbTransaction(), id, entry.Action, now, ct);
            codes = changed.Select(c => c.Code).ToList();

            // A link may also match another entry (a parent domain, an exact URL): that one acts on it now.
            var again = changed.Where(c => c.Restored)
                .Select(c => (c.Code, Match: index.Match(c.Host, c.Url)))
                .Where(c => c.Match is not null)
                .ToList();
            foreach (var group in again.GroupBy(c => c.Match!.Action))
            {
                await BlocklistLinks.ApplyAsync(connection, transaction.GetDbTransaction(), group.Key, BlocklistLinks.LinkMatch.Code,
                    group.Select(c => (c.Code, (string?)null, c.Match!.EntryId)).ToList(), now, ct);
            }

            restored = entry.Action == BlocklistAction.Block
                ? changed.Count(c => c.Restored) - again.Count(c => c.Match!.Action == BlocklistAction.Block)
                : changed.Count - again.Count;
            await BlocklistSync.BumpVersionAsync(connection, transaction.GetDbTransaction(), ct);
            await transaction.CommitAsync(ct);
        }

        AfterCommit(codes);
        BlocklistLog.Removed(logger, id, entry.Value, restored);
        return restored;
    }

    private async Task<(List<BlocklistEntry>, List<string>)> AddOneAsync((string Value, BlocklistKind Kind) entry, BlocklistEntryFields fields, CancellationToken ct)
    {
        var row = new BlocklistEntry
        {
            Value = entry.Value,
            Kind = entry.Kind,
            Action = fields.Action,
            Reason = fields.Reason,
            Source = fields.Source,
            AddedBy = fields.AddedBy,
            AddedAt = fields.AddedAt,
        };
        if (await db.Blocklist.AnyAsync(e => e.Value == entry.Value, ct))
        {
            return ([], []);
        }

        var (connection, transaction) = await BeginAsync(ct);
        await using (transaction)
        {
            db.Blocklist.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                db.Entry(row).State = EntityState.Detached;
                return ([], []);
            }

            db.Entry(row).State = EntityState.Detached;
            index.Add(row.Id, row.Value, row.Kind, row.Action, row.Reason);
            try
            {
                var codes = row.Kind == BlocklistKind.Domain
                    ? await BlocklistLinks.ApplyToDomainAsync(connection, transaction.GetDbTransaction(), row.Id, row.Value, row.Action, fields.AddedAt, ct)
                    : await BlocklistLinks.ApplyToUrlAsync(connection, transaction.GetDbTransaction(), row.Id, row.Value, row.Action, fields.AddedAt, ct);
                await BlocklistSync.BumpVersionAsync(connection, transaction.GetDbTransaction(), ct);
                await transaction.CommitAsync(ct);
                return ([row], codes);
            }
            catch
            {
                index.Remove(row.Value, row.Kind);
                throw;
            }
        }
    }

    private async Task<(List<BlocklistEntry>, List<string>)> AddManyAsync(
        IEnumerable<(string Value, BlocklistKind Kind)> entries, BlocklistEntryFields fields, CancellationToken ct)
    {
        var (connection, transaction) = await BeginAsync(ct);
        await using (transaction)
        {
            var tx = transaction.GetDbTransaction();
            var rows = await bulk.InsertAsync(connection, tx, entries, fields, ct);
            foreach (var (id, value, kind) in rows)
            {
                index.Add(id, value, kind, fields.Action, fields.Reason);
            }

            try
            {
                var codes = rows.Count == 0 ? [] : await ApplyToExistingLinksAsync(connection, tx, rows, fields.AddedAt, ct);
                await BlocklistSync.BumpVersionAsync(connection, tx, ct);
                await transaction.CommitAsync(ct);
                return (rows.Select(r => new BlocklistEntry
                {
                    Id = r.Id,
                    Value = r.Value,
                    Kind = r.Kind,
                    Action = fields.Action,
                    Reason = fields.Reason,
                    Source = fields.Source,
                    AddedBy = fields.AddedBy,
                    AddedAt = fields.AddedAt,
                }).ToList(), codes);
            }
            catch
            {
                foreach (var (_, value, kind) in rows)
                {
                    index.Remove(value, kind);
                }

                throw;
            }
        }
    }

    /// <summary>
    /// Matches the distinct hosts of active links against the index (which now holds the new entries),
    /// then acts on them a chunk of hosts per statement; exact URLs are matched on their host and URL.
    /// </summary>
    private async Task<List<string>> ApplyToExistingLinksAsync(
        DbConnection connection, DbTransaction transaction, List<(long Id, string Value, BlocklistKind Kind)> added, DateTime now, CancellationToken ct)
    {
        var keys = await BlocklistLinks.ActiveHostKeysAsync(connection, transaction, ct);
        var byDomain = new List<(BlocklistAction Action, (string, string?, long) Row)>();
        foreach (var key in keys)
        {
            if (index.Match(BlocklistLinks.HostOfKey(key), "") is { } match)
            {
                byDomain.Add((match.Action, (key, null, match.EntryId)));
            }
        }

        var activeKeys = keys.ToHashSet(StringComparer.Ordinal);
        var byUrl = new List<(BlocklistAction Action, (string, string?, long) Row)>();
        foreach (var (id, value, kind) in added)
        {
            if (kind == BlocklistKind.Url && HostKeys.KeyOf(HostKeys.HostOf(value)) is var key && activeKeys.Contains(key)
                && index.Match(HostKeys.HostOf(value), value) is { } match)
            {
                byUrl.Add((match.Action, (key, value, match.EntryId)));
            }
        }

        var codes = new List<string>();
        foreach (var (rows, match) in new[] { (byDomain, BlocklistLinks.LinkMatch.HostKey), (byUrl, BlocklistLinks.LinkMatch.HostKeyAndUrl) })
        {
            foreach (var group in rows.GroupBy(r => r.Action))
            {
                codes.AddRange(await BlocklistLinks.ApplyAsync(connection, transaction, group.Key, match, group.Select(r => r.Row).ToList(), now, ct));
            }
        }

        return codes;
    }

    private async Task<(DbConnection, IDbContextTransaction)> BeginAsync(CancellationToken ct)
    {
        var transaction = await db.Database.BeginTransactionAsync(ct);
        return (db.Database.GetDbConnection(), transaction);
    }

    private void AfterCommit(List<string> codes)
    {
        foreach (var code in codes)
        {
            cache.Invalidate(code);
        }

        sync.Announce();
    }

    private static IEnumerable<(string Value, BlocklistKind Kind)> Parse(
        TextReader text, BlocklistFormat format, ImportCounts counts, Action<BlocklistImportProgress>? progress, int progressEvery)
    {
        var values = new List<string>();
        while (text.ReadLine() is { } line)
        {
            if (++counts.Lines % progressEvery == 0)
            {
                progress?.Invoke(counts.Snapshot());
            }

            values.Clear();
            switch (BlocklistParser.ParseLine(line, format, values))
            {
                case BlocklistLineKind.Comment:
                    counts.Comments++;
                    continue;
                case BlocklistLineKind.Junk:
                    counts.Junk++;
                    continue;
                case BlocklistLineKind.Blank:
                    continue;
            }

            foreach (var raw in values)
            {
                var (value, kind) = BlocklistValues.Normalize(raw, out _);
                if (value is null)
                {
                    counts.Invalid++;
                    continue;
                }

                counts.Valid++;
                yield return (value, kind);
            }
        }

        progress?.Invoke(counts.Snapshot());
    }

    private sealed class ImportCounts
    {
        public long Lines { get; set; }

        public long Comments { get; set; }
        public long Junk { get; set; }
        public long Invalid { get; set; }
        public long Valid { get; set; }

        public BlocklistImportProgress Snapshot() => new(Lines, Valid, Invalid, Comments, Junk);
    }
}
