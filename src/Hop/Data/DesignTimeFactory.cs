using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hop.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build a provider's context without starting the app; each
/// context has a subclass saying how its options are made.
/// </summary>
internal abstract class DesignTimeFactory<TContext>(
    Action<DbContextOptionsBuilder> configure, Func<DbContextOptions<TContext>, TContext> create)
    : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>();
        configure(options);
        return create(options.Options);
    }
}
