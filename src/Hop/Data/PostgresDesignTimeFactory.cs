using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hop.Data;

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHopDbContext>
{
    public PostgresHopDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresHopDbContext>();
        options.UseHopPostgres("Host=localhost;Database=hop_design");
        return new(options.Options);
    }
}
