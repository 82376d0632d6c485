using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Threading.Channels;
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
        + "expires_at, disabled_reason IS NOT NULL, deleted_at IS NOT NULL, code FROM links WHERE code = ";

    /// <summary>The column of <see cref="Sql"/> that holds the code, for readers that look up several.</summary>
    protected const int CodeColumn = 10;

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
/// PostgreSQL through a data source of its own (separate from EF's). Concurrent misses are coalesced:
/// one reader per two cores, each on one connection, take every code waiting at that moment and look them all up in
/// one auto-prepared <c>code = ANY($1)</c> query. Under load one round trip answers dozens of
/// requests instead of each waiting for a connection of its own; when idle, a lone miss goes at once.
/// </summary>
internal sealed class PostgresLinkReader : LinkReader, IAsyncDisposable
{
    /// <summary>Codes per query; more wait for the next round trip.</summary>
    private const int MaxBatch = 256;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<Lookup> _lookups = Channel.CreateUnbounded<Lookup>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Task[] _readers;

    public PostgresLinkReader(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 8;
            builder.AutoPrepareMinUsages = 2;
        }

        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        // One reader per two cores: fewer readers make larger batches, and most of a query's cost on
        // the database is per query, not per code.
        var readers = Math.Clamp(Environment.ProcessorCount / 2, 1, Math.Max(1, builder.MaxPoolSize / 2));
        _readers = [.. Enumerable.Range(0, readers).Select(_ => Task.Run(ReadBatchesAsync))];
    }

    public override ValueTask<CachedLink?> ReadAsync(string code, CancellationToken ct)
    {
        var lookup = new Lookup(code);
        return _lookups.Writer.TryWrite(lookup)
            ? new ValueTask<CachedLink?>(lookup.Task)
            : ValueTask.FromException<CachedLink?>(new ObjectDisposedException(nameof(PostgresLinkReader)));
    }

    public override async Task PingAsync(CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand("SELECT 1 FROM links LIMIT 1");
        await command.ExecuteScalarAsync(ct);
    }

    private async Task ReadBatchesAsync()
    {
        var batch = new List<Lookup>(MaxBatch);
        var codes = new List<string>(MaxBatch);
        var found = new Dictionary<string, CachedLink>(MaxBatch, StringComparer.Ordinal);
        while (await _lookups.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _lookups.Reader.TryRead(out var lookup))
            {
                batch.Add(lookup);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                foreach (var lookup in batch)
                {
                    codes.Add(lookup.Code);
                }

                await using (var command = _dataSource.CreateCommand(Sql + "ANY($1)"))
                {
                    command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. codes.Distinct(StringComparer.Ordinal)] });
                    await using var rows = await command.ExecuteReaderAsync();
                    while (await rows.ReadAsync())
                    {
                        found[rows.GetString(CodeColumn)] = ToCachedLink(rows)!;
                    }
                }

                foreach (var lookup in batch)
                {
                    lookup.TrySetResult(found.GetValueOrDefault(lookup.Code));
                }
            }
            catch (Exception e)
            {
                foreach (var lookup in batch)
                {
                    lookup.TrySetException(e);
                }
            }
            finally
            {
                batch.Clear();
                codes.Clear();
                found.Clear();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _lookups.Writer.TryComplete();
        await Task.WhenAll(_readers);
        await _dataSource.DisposeAsync();
    }

    /// <summary>One request's code waiting for a batch; completes off the reader's loop.</summary>
    private sealed class Lookup(string code) : TaskCompletionSource<CachedLink?>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public string Code { get; } = code;
    }
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
            CachedLink? link;
            using (var row = lease.Command.ExecuteReader(CommandBehavior.SingleRow))
            {
                link = row.Read() ? ToCachedLink(row) : null;
            }

            // Only once the reader is closed: another request may take the lease at once.
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
