using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hop.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without starting the app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHopDbContext>
{
    public SqliteHopDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteHopDbContext>();
        options.UseHopSqlite(DatabaseOptions.DefaultSqlite);
        return new(options.Options);
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHopDbContext>
{
    public PostgresHopDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresHopDbContext>();
        options.UseHopPostgres("Host=localhost;Database=hop_design");
        return new(options.Options);
    }
}

internal sealed class SqliteClicksDesignTimeFactory : IDesignTimeDbContextFactory<SqliteClicksDbContext>
{
    public SqliteClicksDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteClicksDbContext>();
        options.UseHopSqlite(DatabaseOptions.DefaultSqlite, ClicksDbContext.MigrationsHistoryTable);
        return new(options.Options);
    }
}

internal sealed class PostgresClicksDesignTimeFactory : IDesignTimeDbContextFactory<PostgresClicksDbContext>
{
    public PostgresClicksDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresClicksDbContext>();
        options.UseHopPostgres("Host=localhost;Database=hop_design", ClicksDbContext.MigrationsHistoryTable);
        return new(options.Options);
    }
}
