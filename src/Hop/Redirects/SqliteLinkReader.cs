using System.Collections.Concurrent;
using System.Data;
using Microsoft.Data.Sqlite;

namespace Hop.Redirects;

/// <summary>
/// SQLite through a small pool of open connections, each holding the statement already prepared.
/// SQLite calls are synchronous, so the read completes before the method returns.
/// </summary>
internal sealed class SqliteLinkReader(string connectionString) : LinkReader, IDisposable
{
    private readonly ConcurrentQueue<Lease> _idle = new();
    private readonly int _maxIdle = Math.Max(4, Environment.ProcessorCount * 2);

    public override ValueTask<CachedLink?> ReadAsync(LinkKey key, CancellationToken ct)
    {
        var lease = Rent();
        try
        {
            lease.Domain.Value = key.DomainId;
            lease.Code.Value = key.Code;
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
            Command.CommandText = Columns + "WHERE domain_id = $domain AND code = $code";
            Domain = Command.Parameters.Add("$domain", SqliteType.Integer);
            Code = Command.Parameters.Add("$code", SqliteType.Text);
            Command.Prepare();
        }

        public SqliteConnection Connection { get; }
        public SqliteCommand Command { get; }
        public SqliteParameter Domain { get; }
        public SqliteParameter Code { get; }

        public void Dispose()
        {
            Command.Dispose();
            Connection.Dispose();
        }
    }
}
