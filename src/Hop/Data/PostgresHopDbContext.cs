using Hop.Links;
using Microsoft.EntityFrameworkCore;

namespace Hop.Data;

internal sealed class PostgresHopDbContext(DbContextOptions<PostgresHopDbContext> options) : HopDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Byte order, as SQLite compares: a domain's range of host keys ends at the '/' after its '.',
        // which a linguistic collation (ignoring punctuation) would not keep together.
        modelBuilder.Entity<Link>().Property(l => l.HostKey).UseCollation("C");
    }
}
