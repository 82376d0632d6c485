using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hop.Data;

internal sealed class PostgresClicksDesignTimeFactory : IDesignTimeDbContextFactory<PostgresClicksDbContext>
{
    public PostgresClicksDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresClicksDbContext>();
        options.UseHopPostgres("Host=localhost;Database=hop_design", ClicksDbContext.MigrationsHistoryTable);
        return new(options.Options);
    }
}
