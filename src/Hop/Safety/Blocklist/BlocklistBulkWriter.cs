using Hop.Data;
using Microsoft.Extensions.Options;
using System.Data.Common;

namespace Hop.Safety.Blocklist;

/// <summary>
/// Inserts many entries at once, skipping values already present, the fastest way each database offers;
/// answers the rows it added. One implementation per provider, chosen at start-up.
/// </summary>
internal abstract class BlocklistBulkWriter
{
    public abstract Task<List<(long Id, string Value, BlocklistKind Kind)>> InsertAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<(string Value, BlocklistKind Kind)> entries,
        BlocklistEntryFields fields, CancellationToken ct);

    public static BlocklistBulkWriter Create(IServiceProvider services) =>
        services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Postgres
            ? new PostgresBlocklistBulkWriter()
            : new SqliteBlocklistBulkWriter();
}
