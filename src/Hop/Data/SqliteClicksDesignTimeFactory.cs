using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hop.Data;

internal sealed class SqliteClicksDesignTimeFactory : IDesignTimeDbContextFactory<SqliteClicksDbContext>
{
    public SqliteClicksDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteClicksDbContext>();
        options.UseHopSqlite(DatabaseOptions.DefaultSqlite, ClicksDbContext.MigrationsHistoryTable);
        return new(options.Options);
    }
}
