using Hop.Data;
using Npgsql;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>
/// One database that several app instances use at once (the scaled-out setup): each
/// <see cref="CreateInstance"/> is a separate app, with its own L1 cache, on the same data.
/// </summary>
public abstract class SharedDatabase : IAsyncLifetime
{
    private readonly List<HopFactory> _instances = [];

    internal abstract DatabaseProvider Provider { get; }

    internal abstract string ConnectionString { get; }

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Instance <paramref name="index"/>, started on first use and kept for the fixture's life.</summary>
    internal HopFactory Instance(int index, params KeyValuePair<string, string>[] settings)
    {
        while (_instances.Count <= index)
        {
            _instances.Add(new InstanceFactory(Provider, ConnectionString, settings));
        }

        return _instances[index];
    }

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private sealed class InstanceFactory(DatabaseProvider provider, string connectionString, KeyValuePair<string, string>[] settings)
        : HopFactory
    {
        internal override DatabaseProvider Provider => provider;

        protected override string ConnectionString => connectionString;

        protected override IEnumerable<KeyValuePair<string, string>> Settings => settings;
    }
}

public sealed class SqliteSharedDatabase : SharedDatabase
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hop-test-").FullName;

    internal override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    internal override string ConnectionString => $"Data Source={Path.Combine(_directory, "hop.db")}";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

public sealed class PostgresSharedDatabase : SharedDatabase
{
    private readonly string _database = $"hop_test_{Guid.NewGuid():N}";

    internal override DatabaseProvider Provider => DatabaseProvider.Postgres;

    internal override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = _database }.ConnectionString;

    public override async ValueTask InitializeAsync() => await TestServers.CreatePostgresDatabaseAsync(_database);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await TestServers.DropPostgresDatabaseAsync(_database);
    }
}
