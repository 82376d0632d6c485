using Microsoft.Data.Sqlite;

namespace Hop.Clicks.Writing;

/// <summary>
/// The <see cref="SqliteVisitStore"/>'s own connection, open for the life of the process and used by one
/// batch at a time. It is kept out of the pool because its settings suit only bulk writing: a page cache
/// of <see cref="PageCacheMegabytes"/> instead of SQLite's 2 MB, since every visit updates a counter row
/// and index entries of a random link, and a miss costs a read from the file; and automatic
/// checkpoints every <see cref="CheckpointPages"/> pages instead of 1,000, so a counter page that many
/// batches update is copied back to the database file once.
/// </summary>
internal sealed class SqliteClickConnection(string connectionString) : IDisposable
{
    /// <summary>A larger cache drains a backlog no faster and takes memory the 400 MB budget of the
    /// single-node setup does not have.</summary>
    public const int PageCacheMegabytes = 32;
    public const int CheckpointPages = 10_000;

    private readonly string _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private SqliteConnection? _connection;

    /// <summary>Waits for the connection, opening it if needed; pass it back to <see cref="Release"/>.</summary>
    public async Task<SqliteConnection> AcquireAsync(CancellationToken ct)
    {
        await _turn.WaitAsync(ct);
        try
        {
            if (_connection is null)
            {
                var connection = new SqliteConnection(_connectionString);
                await connection.OpenAsync(ct);
                await using var pragmas = connection.CreateCommand();
                pragmas.CommandText = $"""
                    PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;
                    PRAGMA cache_size=-{PageCacheMegabytes * 1024}; PRAGMA wal_autocheckpoint={CheckpointPages};
                    """;
                await pragmas.ExecuteNonQueryAsync(ct);
                _connection = connection;
            }

            return _connection;
        }
        catch
        {
            _turn.Release();
            throw;
        }
    }

    /// <summary>Ends a turn; after a failure the connection is closed and the next turn opens a fresh one.</summary>
    public void Release(bool failed)
    {
        if (failed)
        {
            _connection?.Dispose();
            _connection = null;
        }

        _turn.Release();
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _connection = null;
        _turn.Dispose();
    }
}
