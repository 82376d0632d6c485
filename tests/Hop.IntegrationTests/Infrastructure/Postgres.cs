using Hop.Data;
using Npgsql;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>A database of its own on the PostgreSQL server that ./test.sh starts (HOP_TEST_POSTGRES).</summary>
public sealed class Postgres : TestDatabase
{
    private readonly string _name = $"hop_test_{Guid.NewGuid():N}";

    internal override DatabaseProvider Provider => DatabaseProvider.Postgres;

    internal override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = _name }.ConnectionString;

    internal override Task CreateAsync() => TestServers.CreatePostgresDatabaseAsync(_name);

    internal override Task DropAsync() => TestServers.DropPostgresDatabaseAsync(_name);
}
