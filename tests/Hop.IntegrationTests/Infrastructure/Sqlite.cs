using Hop.Data;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>A SQLite file in a temporary directory of its own.</summary>
public sealed class Sqlite : TestDatabase
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hop-test-").FullName;

    internal override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    internal override string ConnectionString => $"Data Source={Path.Combine(_directory, "hop.db")}";

    internal override Task DropAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
