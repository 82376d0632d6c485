using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Hop.Data;
using Hop.Links;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hop.Redirects;

/// <summary>
/// Reads one link by code with plain ADO.NET: the cache-miss path, kept free of EF's per-query cost.
/// One implementation per database provider.
/// </summary>
internal abstract class LinkReader
{
    /// <summary>Everything <see cref="CachedLink"/> needs, with the nullable text columns reduced to flags.</summary>
    protected const string Sql =
        "SELECT id, target_url, redirect_status, forward_query, password_hash IS NOT NULL, max_visits, visit_count, "
        + "expires_at, disabled_reason IS NOT NULL, deleted_at IS NOT NULL FROM links WHERE code = ";

    public abstract ValueTask<CachedLink?> ReadAsync(string code, CancellationToken ct);

    /// <summary>Throws when the database cannot be reached; for the readiness check.</summary>
    public abstract Task PingAsync(CancellationToken ct);

    public static LinkReader Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        return options.Provider == DatabaseProvider.Postgres
            ? new PostgresLinkReader(options.EffectiveConnectionString)
            : new SqliteLinkReader(options.EffectiveConnectionString);
    }

    protected static CachedLink? ToCachedLink(DbDataReader row)
    {
        var flags = CachedLinkFlags.None;
        if (row.GetBoolean(3))
        {
            flags |= CachedLinkFlags.ForwardQuery;
        }

        if (row.GetBoolean(4))
        {
            flags |= CachedLinkFlags.HasPassword;
        }

        long? maxVisits = row.IsDBNull(5) ? null : row.GetInt64(5);
        var state = row.GetBoolean(9) ? LinkState.Deleted
            : row.GetBoolean(8) ? LinkState.Disabled
            : maxVisits is { } max && row.GetInt64(6) >= max ? LinkState.Expired
            : LinkState.Active;
        return new CachedLink
        {
            Id = row.GetInt64(0),
            Target = row.GetString(1),
            Status = row.GetInt32(2),
            Flags = flags,
            MaxVisits = maxVisits,
            ExpiresAt = row.IsDBNull(7) ? null : DateTime.SpecifyKind(row.GetDateTime(7), DateTimeKind.Utc),
            State = state,
        };
    }
}

/// <summary>
/// PostgreSQL through a data source of its own (separate from EF's), with automatic preparation so
/// the one statement is parsed and planned once per physical connection.
/// </summary>
internal sealed class PostgresLinkReader : LinkReader, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresLinkReader(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 8;
            builder.AutoPrepareMinUsages = 2;
        }

        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public override async ValueTask<CachedLink?> ReadAsync(string code, CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand(Sql + "$1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = code });
        await using var row = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, ct);
        return await row.ReadAsync(ct) ? ToCachedLink(row) : null;
    }

    public override async Task PingAsync(CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand("SELECT 1 FROM links LIMIT 1");
        await command.ExecuteScalarAsync(ct);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}

/// <summary>
/// SQLite through a small pool of open connections, each holding the statement already prepared.
/// SQLite calls are synchronous, so the read completes before the method returns.
/// </summary>
internal sealed class SqliteLinkReader(string connectionString) : LinkReader, IDisposable
{
    private readonly ConcurrentQueue<Lease> _idle = new();
    private readonly int _maxIdle = Math.Max(4, Environment.ProcessorCount * 2);

    public override ValueTask<CachedLink?> ReadAsync(string code, CancellationToken ct)
    {
        var lease = Rent();
        try
        {
            lease.Code.Value = code;
            using var row = lease.Command.ExecuteReader(CommandBehavior.SingleRow);
            var link = row.Read() ? ToCachedLink(row) : null;
            Return(lease);
            return ValueTask.FromResult(link);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    public override async Task PingAsync(CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM links LIMIT 1";
        await command.ExecuteScalarAsync(ct);
    }

    private Lease Rent() => _idle.TryDequeue(out var lease) ? lease : new Lease(connectionString);

    private void Return(Lease lease)
    {
        if (_idle.Count < _maxIdle)
        {
            _idle.Enqueue(lease);
        }
        else
        {
            lease.Dispose();
        }
    }

    public void Dispose()
    {
        while (_idle.TryDequeue(out var lease))
        {
            lease.Dispose();
        }
    }

    private sealed class Lease : IDisposable
    {
        public Lease(string connectionString)
        {
            Connection = new SqliteConnection(connectionString);
            Connection.Open();
            Command = Connection.CreateCommand();
            Command.CommandText = Sql + "$code";
            Code = Command.Parameters.Add("$code", SqliteType.Text);
            Command.Prepare();
        }

        public SqliteConnection Connection { get; }
        public SqliteCommand Command { get; }
        public SqliteParameter Code { get; }

        public void Dispose()
        {
            Command.Dispose();
            Connection.Dispose();
        }
    }
}
