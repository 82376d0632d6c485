using Hop.Data;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>A SQLite database that cannot be opened: read-only on a file that does not exist.</summary>
public sealed class UnreachableSqlite : TestDatabase
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hop-test-").FullName;

    internal override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    internal override string ConnectionString => $"Data Source={Path.Combine(_directory, "missing.db")};Mode=ReadOnly";

    internal override bool Migrates => false;

    internal override Task DropAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
