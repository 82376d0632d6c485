using Hop.Clicks;
using Microsoft.EntityFrameworkCore;

namespace Hop.Data;

/// <summary>
/// Visits and their counters. A context of its own so that analytics can live in a database of their
/// own (<c>Clicks:Database</c>) and visit writes never compete with link reads; by default it points
/// at the links database and keeps its own migrations history there.
/// </summary>
internal class ClicksDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__clicks_migrations_history";

    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<VisitCount> VisitCounts => Set<VisitCount>();
    public DbSet<VisitProfile> VisitProfiles => Set<VisitProfile>();
    public DbSet<DailyVisitor> DailyVisitors => Set<DailyVisitor>();
    public DbSet<VisitRoute> VisitRoutes => Set<VisitRoute>();
    public DbSet<ClickCounter> ClickCounters => Set<ClickCounter>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Visit>(visit =>
        {
            visit.HasIndex(v => v.EventId).IsUnique();
            visit.HasIndex(v => v.OccurredAt);
            visit.Property(v => v.ReferrerHost).HasMaxLength(255);
            visit.Property(v => v.Browser).HasMaxLength(64);
            visit.Property(v => v.Os).HasMaxLength(64);
            visit.Property(v => v.Device).HasMaxLength(32);
            visit.Property(v => v.Country).HasMaxLength(2);
            visit.Property(v => v.Route).HasDefaultValue(ClickRoute.Target);
        });

        modelBuilder.Entity<VisitCount>(count =>
        {
            count.HasKey(c => new { c.LinkId, c.Hour });
            count.HasIndex(c => c.Hour);
            count.ComplexProperty(c => c.Counts, counts =>
            {
                counts.Property(c => c.Total).HasColumnName(VisitorCounts.TotalColumn);
                foreach (var counter in VisitorCounts.Counters)
                {
                    counts.Property<long>(counter.Property).HasColumnName(counter.Column);
                }
            });
        });

        modelBuilder.Entity<VisitProfile>(profile =>
        {
            profile.HasKey(p => new { p.LinkId, p.Hour, p.Referrer, p.Browser, p.Os, p.Device, p.Country });
            profile.Property(p => p.Referrer).HasMaxLength(255);
            profile.Property(p => p.Browser).HasMaxLength(64);
            profile.Property(p => p.Os).HasMaxLength(64);
            profile.Property(p => p.Device).HasMaxLength(32);
            profile.Property(p => p.Country).HasMaxLength(16);
        });

        modelBuilder.Entity<VisitRoute>(route => route.HasKey(r => new { r.LinkId, r.Hour, r.Route }));

        modelBuilder.Entity<DailyVisitor>(visitor => visitor.HasKey(v => new { v.LinkId, v.Day, v.VisitorHash }));

        modelBuilder.Entity<ClickCounter>(counter =>
        {
            counter.HasKey(c => c.Name);
            counter.Property(c => c.Name).HasMaxLength(32);
        });
    }
}
