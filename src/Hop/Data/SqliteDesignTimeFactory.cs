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
