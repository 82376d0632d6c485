using System.Data;
using System.Threading.Channels;
using Npgsql;

namespace Hop.Redirects;

/// <summary>
/// PostgreSQL through a data source of its own (separate from EF's). Concurrent misses are coalesced:
/// one reader per two cores, each on one connection, take every key waiting at that moment and look them all up in
/// one auto-prepared query joined to <c>unnest($1, $2)</c> (domain ids, codes). Under load one round trip answers dozens of
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

    public override ValueTask<CachedLink?> ReadAsync(LinkKey key, CancellationToken ct)
    {
        var lookup = new Lookup(key);
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
        var keys = new HashSet<LinkKey>(MaxBatch);
        var found = new Dictionary<LinkKey, CachedLink>(MaxBatch);
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
                    keys.Add(lookup.Key);
                }

                await using (var command = _dataSource.CreateCommand(
                    Columns + "JOIN unnest($1, $2) AS wanted (wanted_domain, wanted_code) ON domain_id = wanted_domain AND code = wanted_code"))
                {
                    command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. keys.Select(k => k.DomainId)] });
                    command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. keys.Select(k => k.Code)] });
                    await using var rows = await command.ExecuteReaderAsync();
                    while (await rows.ReadAsync())
                    {
                        found[new LinkKey(rows.GetInt64(DomainColumn), rows.GetString(CodeColumn))] = ToCachedLink(rows)!;
                    }
                }

                foreach (var lookup in batch)
                {
                    lookup.TrySetResult(found.GetValueOrDefault(lookup.Key));
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
                keys.Clear();
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

    /// <summary>One request's key waiting for a batch; completes off the reader's loop.</summary>
    private sealed class Lookup(LinkKey key) : TaskCompletionSource<CachedLink?>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public LinkKey Key { get; } = key;
    }
}
