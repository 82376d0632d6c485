using Hop.Data;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>A SQLite file in a temporary directory of its own.</summary>
public sealed class Sqlite : TestDatabase
{
    private readonly TempDirectory _directory = new("hop-test-");

    internal override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    internal override string ConnectionString => $"Data Source={Path.Combine(_directory.Path, "hop.db")}";

    internal override Task DropAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
