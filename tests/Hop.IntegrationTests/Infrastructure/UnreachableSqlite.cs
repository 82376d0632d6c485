using Hop.Data;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>A SQLite database that cannot be opened: read-only, in a directory that does not exist.</summary>
public sealed class UnreachableSqlite : TestDatabase
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"hop-missing-{Guid.NewGuid():N}", "missing.db");

    internal override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    internal override string ConnectionString => $"Data Source={_file};Mode=ReadOnly";

    internal override bool Migrates => false;
}
